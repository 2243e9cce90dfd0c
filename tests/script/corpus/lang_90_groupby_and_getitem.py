# itertools.groupby's groups end once it moves on (dict(groupby(...)) gives empty groups), and a
# class with only __getitem__ is read item by item as a loop goes (a break asks no further).
import itertools
print([list(g) for k, g in list(itertools.groupby('aabbb'))])
print({k: list(v) for k, v in dict(itertools.groupby("aabbb")).items()})
g = itertools.groupby('aabb'); k1, g1 = next(g); print(next(g1)); k2, g2 = next(g); print(list(g1), list(g2))
for k, grp in itertools.groupby(sorted(["elma", "armut", "kiraz", "erik"], key=len), key=len):
    print(k, list(grp))
print(type(g).__name__, type(g1).__name__)
class K:
    def __getitem__(self, i):
        print("get", i)
        if i > 2: raise IndexError
        return i * 10
for x in K():
    print(x); break
for x in K():
    print("x", x)
class Sonsuz:
    def __getitem__(self, i):
        return i * i
for kare in Sonsuz():
    if kare > 50:
        break
    print(kare)
class IndexErr(IndexError): pass
class S:
    def __getitem__(self, i):
        if i == 2: raise IndexErr("bitti")
        return "ab"[i]
print(list(S()), [c for c in S()])
