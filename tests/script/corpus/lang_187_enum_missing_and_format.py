# An Enum's own _missing_ (asked for a value no member has: a name given in lower case), its
# wrong answers, and an IntEnum's own __str__ in format() and f-strings with an empty spec.
from enum import Enum, IntEnum


class Durum(Enum):
    TAMAM = 200
    BULUNAMADI = 404

    @classmethod
    def _missing_(cls, deger):
        print("bulunamadı, aranıyor:", deger)
        if isinstance(deger, str):
            return cls[deger.upper()]
        return None


print(Durum(200), Durum("tamam"), Durum("bulunamadi"))
try:
    Durum(999)
except ValueError as e:
    print("ValueError:", e)


class Yanlis(Enum):
    A = 1

    @classmethod
    def _missing_(cls, deger):
        return 5


try:
    Yanlis(2)
except TypeError as e:
    print("TypeError:", e, "|", repr(e.__context__))


class Seviye(IntEnum):
    DUSUK = 1
    YUKSEK = 2

    def __str__(self):
        return "Seviye-" + self.name


print(f"{Seviye.DUSUK}", format(Seviye.YUKSEK), f"{Seviye.DUSUK:d}", f"{Seviye.YUKSEK:>5}", "{}".format(Seviye.DUSUK))
print(Seviye.DUSUK + 1, str(Seviye.YUKSEK), repr(Seviye.DUSUK))
Yanlis(3)
