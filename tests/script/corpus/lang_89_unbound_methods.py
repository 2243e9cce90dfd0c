# A type's methods taken from the type: list.append(l, x), dict.get(d, k), set.add(s, x),
# str.strip given to map, and CPython's errors when they get nothing or the wrong type.
l = []
list.append(l, 1)
list.extend(l, [2, 3])
print(l, list.index(l, 2), list.count(l, 3))
d = {"a": 1}
print(dict.get(d, "a"), dict.get(d, "b", 0), sorted(dict.keys(d)))
s = set()
set.add(s, 5)
print(s, str.upper("ş"), str.join("-", ["a", "b"]))
print(list(map(str.strip, [" a ", "b "])), list(map(dict.keys, [d])))
print(dict.fromkeys("ab", 0))
for bad in (lambda: list.append(), lambda: list.append(5, 1), lambda: dict.get([], 1), lambda: set.add()):
    try:
        bad()
    except TypeError as e:
        print(e)
print(list.append, dict.get)
