# A walrus in a comprehension may not rebind the comprehension's own loop variable:
# CPython refuses the whole program before it runs.
print("bu satır yazılmaz")
kareler = [n := n * n for n in range(5)]
print(kareler)
