# A syntax error inside an f-string's expression: CPython parses the expression alone, in
# parentheses, and shows that, its caret there (the learner forgot what to add).
ad = "Ayşe"
yaş = 30
print(f"{ad} {yaş +} yaşında")
