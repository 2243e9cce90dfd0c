# Inheritance with class methods, attribute checks that fail loudly, values that cannot
# change, and enums that cannot grow.
from datetime import datetime, timedelta
from enum import Enum


class Ayar:
    def __init__(self, degerler):
        self.degerler = dict(degerler)

    @classmethod
    def ciftlerden(cls, ciftler):
        return cls(ciftler)

    def goster(self):
        return f"{type(self).__name__}: {sorted(self.degerler.items())}"


class KullaniciAyar(Ayar):
    @classmethod
    def ciftlerden(cls, ciftler):
        print("KullaniciAyar.ciftlerden")
        return super(KullaniciAyar, cls).ciftlerden(ciftler)

    @classmethod
    def bos(cls):
        temel = super().goster
        return temel(cls({}))


print(KullaniciAyar.ciftlerden([("dil", "tr"), ("tema", "koyu")]).goster())
print(KullaniciAyar.bos())
for yanlis in (lambda: super("Ayar", Ayar({})), lambda: super(KullaniciAyar, Ayar)):
    try:
        yanlis()
    except TypeError as e:
        print("TypeError:", e)


class Sensor:
    @property
    def deger(self):
        raise ValueError("sensör bağlı değil")


try:
    print(hasattr(Sensor(), "deger"))
except ValueError as e:
    print("hasattr geçirdi:", e)
print(hasattr(Sensor(), "yok"), getattr(Sensor(), "yok", "varsayılan"))

baslangic = datetime(2024, 3, 1, 9, 30)
sure = timedelta(minutes=45)
for yaz in (lambda: setattr(baslangic, "year", 2025), lambda: setattr(sure, "days", 3),
            lambda: setattr(baslangic, "not_", "x")):
    try:
        yaz()
    except AttributeError as e:
        print("AttributeError:", e)
print(baslangic + sure, sure * 2.5, sure / 4)
for bozuk in (lambda: timedelta(seconds=float("nan")), lambda: sure * float("inf"), lambda: sure / 0.0):
    try:
        print(bozuk())
    except (ValueError, OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)


class Renk(Enum):
    KIRMIZI = 1


try:
    class YeniRenk(Renk):
        MAVI = 2
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(Renk, "Enum")
except TypeError as e:
    print("TypeError:", e)
