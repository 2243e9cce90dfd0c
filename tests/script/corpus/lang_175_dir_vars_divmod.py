# dir() of a script's object and class, as CPython lists them; vars() of what has no
# __dict__; divmod() asks a class's __divmod__ and __rdivmod__, never its // and %
from dataclasses import dataclass

class Hesap:
    """Banka hesabı"""
    faiz = 0.05

    def __init__(self, sahip):
        self.sahip = sahip
        self.bakiye = 0

    def yatir(self, miktar):
        self.bakiye += miktar

class Vadeli(Hesap):
    def vade(self):
        return 12

h = Vadeli("Ayşe")
print([ad for ad in dir(h) if not ad.startswith("_")])
print(len(dir(h)), "__dict__" in dir(h), "yatir" in dir(Vadeli))

@dataclass
class Nokta:
    x: int
    y: int = 0

print([ad for ad in dir(Nokta(1)) if not ad.startswith("__")])

class Hata(Exception):
    pass

print([ad for ad in dir(Hata()) if not ad.startswith("_")])

for deger in (5, "abc"):
    try:
        vars(deger)
    except TypeError as e:
        print("TypeError:", e)
print(vars(h))

class Sure:
    def __init__(self, dakika):
        self.dakika = dakika
    def __divmod__(self, n):
        return ("divmod", self.dakika // n, self.dakika % n)
    def __rdivmod__(self, n):
        return ("rdivmod", n // self.dakika)

class Yalniz:
    def __floordiv__(self, n):
        return 1
    def __mod__(self, n):
        return 2

print(divmod(Sure(125), 60), divmod(7, Sure(3)), divmod(7, 2))
try:
    divmod(Yalniz(), 2)
except TypeError as e:
    print("TypeError:", e)
