for n in [-5, 0, 7, 42]:
    if n < 0:
        kind = "negative"
    elif n == 0:
        kind = "zero"
    elif n % 2:
        kind = "odd"
    else:
        kind = "even"
    print(n, kind)

i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("while", i)
else:
    print("while finished without break")
print("after while, i =", i)

n = 3
while n > 0:
    n -= 1
else:
    print("while else ran, n =", n)

for word in ["apple", "banana", "cherry"]:
    if word.startswith("x"):
        print("found", word)
        break
else:
    print("no word starts with x")

for a in range(3):
    for b in range(3):
        if b > a:
            break
        print(f"({a},{b})", end=" ")
print()
result = "big" if n > 100 else "small"
print(result)
pass
