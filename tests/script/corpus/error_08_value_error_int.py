answers = ["12", " 7 ", "x"]
for a in answers:
    print(int(a) * 2)
