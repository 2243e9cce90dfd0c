# A traffic light's colour arrives as a str; the cases name StrEnum members.
from enum import IntEnum, StrEnum, auto


class Isik(StrEnum):
    KIRMIZI = auto()
    SARI = auto()
    YESIL = auto()


class Oncelik(IntEnum):
    DUSUK = 1
    YUKSEK = 2


def ne_yapmali(renk):
    match renk:
        case Isik.KIRMIZI:
            return "dur"
        case Isik.SARI:
            return "hazırlan"
        case Isik.YESIL:
            return "geç"
        case _:
            return f"bilinmeyen renk: {renk!r}"


for renk in ["kirmizi", "sari", Isik.YESIL, "mor"]:
    print(renk, "->", ne_yapmali(renk))

for seviye in [2, 1, 3]:
    match seviye:
        case Oncelik.YUKSEK:
            print(seviye, "acil")
        case Oncelik.DUSUK:
            print(seviye, "bekleyebilir")
        case _:
            print(seviye, "geçersiz")


class Herkes:
    """Her şeye eşit: the pattern's own __eq__ is asked too."""

    def __eq__(self, other):
        print("  __eq__", other)
        return True


class Sabitler:
    HEPSI = Herkes()


match 5:
    case Sabitler.HEPSI:
        print("5 eşleşti")
    case _:
        print("5 eşleşmedi")
