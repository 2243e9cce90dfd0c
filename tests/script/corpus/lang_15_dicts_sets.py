d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
print("a" in d, 1 in d, "z" not in d)
print(d.setdefault("a", 100), d.setdefault("e", 5), d)
print(d.pop("b"), d.pop("nope", "default"), d)
d.update({"a": 10, "f": 6})
d.update(g=7)
print(d)
del d["e"]
d["c"] = 30
print(d)
print(dict([("x", 1), ("y", 2)]), dict(zip("ab", [1, 2])), dict(k=1))
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
print({**d, "a": 0}, d | {"z": 26})
s1 = {1, 2, 3, 4}
s2 = {3, 4, 5}
print(sorted(s1 | s2), sorted(s1 & s2), sorted(s1 - s2), sorted(s1 ^ s2))
s1.add(9); s1.discard(1); s1.discard(100)
print(sorted(s1), 9 in s1, len(s1), {1, 2} <= {1, 2, 3})
print(sorted(set("mississippi")), len(set([1, 1, 2])))
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
print(sorted({"b": 1, "a": 2}.items()), sorted(d, key=d.get))
print({}, set(), dict(), {1: "one"}, {(1, 2): "tuple key"})
