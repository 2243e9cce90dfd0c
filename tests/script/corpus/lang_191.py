import copy
from collections import defaultdict, Counter, OrderedDict, deque
from dataclasses import dataclass

sinif = {"ali": [90, 80], "ayşe": [70, {"not": 5}]}
sig = copy.copy(sinif)
derin = copy.deepcopy(sinif)
sinif["ali"].append(100)
sinif["ayşe"][1]["not"] = 9
print(sig)
print(derin)
print(sig is sinif, sig["ali"] is sinif["ali"], derin["ali"] is sinif["ali"])

a = [1, 2]
b = [a, a]
c = copy.deepcopy(b)
print(c, c[0] is c[1], c[0] is a)
d = [1]
d.append(d)
e = copy.deepcopy(d)
print(e, e[1] is e, e is d)

t = (1, "x", (2, 3))
print(copy.deepcopy(t) is t, copy.copy(t) is t)
t2 = (1, [2])
t3 = copy.deepcopy(t2)
print(t3, t3 is t2, t3[1] is t2[1])

dd = defaultdict(list)
dd["a"].append(1)
dd2 = copy.deepcopy(dd)
dd2["b"].append(2)
print(dd, dd2, type(dd2).__name__)
print(copy.copy(Counter("merhaba")), copy.deepcopy(OrderedDict(a=1)))
q = deque([1, [2]], maxlen=3)
q2 = copy.deepcopy(q)
q2[1].append(3)
print(q, q2, copy.copy(q))
s = {1, 2, 3}
print(copy.copy(s), copy.deepcopy(s))

class Ogrenci:
    def __init__(self, ad, notlar):
        print("init", ad)
        self.ad = ad
        self.notlar = notlar
    def __repr__(self):
        return f"Ogrenci({self.ad!r}, {self.notlar})"

o = Ogrenci("Can", [1, 2])
o2 = copy.copy(o)
o3 = copy.deepcopy(o)
o.notlar.append(3)
print(o2, o3, o2.notlar is o.notlar, o3.notlar is o.notlar, type(o3).__name__)

@dataclass
class Nokta:
    x: int
    y: list
n = Nokta(1, [2])
m = copy.deepcopy(n)
m.y.append(3)
print(n, m, n == copy.deepcopy(n))

class Ozel:
    def __copy__(self):
        print("__copy__ çağrıldı")
        return "kopya"
    def __deepcopy__(self, memo):
        print("__deepcopy__ çağrıldı", type(memo).__name__)
        return "derin kopya"
print(copy.copy(Ozel()), copy.deepcopy(Ozel()))
print(copy.copy(len) is len, copy.deepcopy(Ogrenci) is Ogrenci, copy.copy("abc"))
try:
    copy.copy()
except TypeError as e:
    print(e)
