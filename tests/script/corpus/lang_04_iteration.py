for x in [1, 2, 3]:
    print("list", x)
for x in (10, 20):
    print("tuple", x)
d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print("key", k)
for k, v in d.items():
    print("item", k, v)
for v in d.values():
    print("value", v)
for ch in "héllo":
    print("char", ch, end="; ")
print()
print(list(range(5)), list(range(2, 11, 3)), list(range(5, 0, -2)), list(range(0)))
for i, name in enumerate(["ann", "ben"]):
    print(i, name)
for i, name in enumerate(["ann", "ben"], start=1):
    print(i, name)
for a, b in zip("abc", [1, 2, 3, 4]):
    print(a, b)
print(list(zip([1, 2], ["x", "y"], [True, False])))
for x in reversed([1, 2, 3]):
    print("reversed", x)
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
it = iter([7, 8])
print(next(it), next(it), next(it, "end"))
r = range(10)
print(len(r), r[3], 5 in r, r)
