# A script's number in math (its __float__ or __index__) and in a slice (its __index__); a
# special method set to None says the object has none
import math

class Uzunluk:
    def __init__(self, metre):
        self.metre = metre
    def __float__(self):
        return float(self.metre)

class Sira:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        return self.n

print(math.sqrt(Uzunluk(16)), math.isclose(Uzunluk(2), 2.0), math.sqrt(Sira(9)))
harfler = list("merhaba")
print(harfler[Sira(2):], "dünya"[:Sira(3)], harfler[Sira(1):Sira(5):Sira(2)])

class Tek:
    def __iter__(self):
        return iter([1, 2])
    __reversed__ = None

class Yok:
    __iter__ = None
    def __getitem__(self, i):
        return i

for dene in (lambda: reversed(Tek()), lambda: iter(Yok()), lambda: list(Yok())):
    try:
        dene()
    except TypeError as e:
        print("TypeError:", e)
print(list(Tek()))
