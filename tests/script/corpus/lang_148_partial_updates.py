# Yarıda kalan güncellemeler: kaynak ortada hata verirse o ana kadar eklenenler kalır (CPython gibi).
from collections import Counter, deque


def belirtiler():
    yield "ateş"
    yield "öksürük"
    raise ValueError("kayıt bozuk")


for ad, kap, ekle in [
    ("set", set(), lambda k, g: k.update(g)),
    ("Counter", Counter(), lambda k, g: k.update(g)),
    ("deque", deque(), lambda k, g: k.extend(g)),
    ("list", [], lambda k, g: k.extend(g)),
]:
    try:
        ekle(kap, belirtiler())
    except ValueError as e:
        print(ad, "->", kap, "|", e)

kayit = {}
try:
    kayit.update([("ad", "Ayşe"), ("yaş", 34, "fazla")])
except ValueError as e:
    print(e, kayit)

liste = []
try:
    liste += belirtiler()
except ValueError:
    print("liste:", liste)

sayim = Counter(ateş=2)
sayim.update({"ateş": 1, "nabız": 3})
sayim.subtract({"ateş": 5})
print(sayim, sayim.most_common(1))
karisik = Counter({"ateş": "yüksek", "nabız": 2.5})
print(karisik)
for n in (None, "1"):
    try:
        print(karisik.most_common(n))
    except TypeError as e:
        print("TypeError:", e)
