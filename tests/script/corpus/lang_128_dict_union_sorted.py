# A dict | a defaultdict gives a defaultdict; sorted() with its iterable by keyword is refused
# before the keywords are read.
from collections import defaultdict, OrderedDict, Counter

stok = {"çay": 3}
eksik = defaultdict(int, {"şeker": 0})
hepsi = stok | eksik
print(type(hepsi).__name__, hepsi["kahve"], dict(hepsi))
print(type(stok | OrderedDict(süt=1)).__name__, type(stok | Counter(su=2)).__name__)
for cagri in [lambda: sorted(iterable=[3, 1]), lambda: sorted([3, 1], anahtar=len)]:
    try:
        cagri()
    except TypeError as e:
        print("TypeError:", e)
