# A clinic's triage as a learner models it: enums in f-strings and as strings, and a
# dataclass with a class-level counter (ClassVar) that is no field.
from dataclasses import dataclass, field, fields
from enum import Enum, IntEnum, StrEnum
from typing import ClassVar


class Öncelik(IntEnum):
    DÜŞÜK = 1
    ORTA = 2
    ACİL = 3


class Durum(StrEnum):
    BEKLİYOR = "bekliyor"
    MUAYENEDE = "muayenede"


class Renk(Enum):
    YEŞİL = "yeşil"
    KIRMIZI = "kırmızı"


@dataclass(order=True)
class Hasta:
    öncelik: Öncelik
    ad: str = field(compare=False)
    durum: Durum = field(default=Durum.BEKLİYOR, compare=False)
    toplam: ClassVar[int] = 0
    kayıt: ClassVar[list] = []

    def __post_init__(self):
        Hasta.toplam += 1
        Hasta.kayıt.append(self.ad)


hastalar = [Hasta(Öncelik.ORTA, "Ayşe"), Hasta(Öncelik.ACİL, "Mehmet"), Hasta(Öncelik.DÜŞÜK, "Zeynep")]
print([f.name for f in fields(Hasta)], Hasta.toplam, Hasta.kayıt)
for h in sorted(hastalar, reverse=True):
    print(f"{h.ad:<8}|{h.öncelik:>3}|{h.durum:^12}|{h.durum.upper()}|{h.öncelik:03d}")
print(f"[{Renk.KIRMIZI:>20}]", format(Renk.YEŞİL, "<15") + "|", f"{Renk.YEŞİL!s:*^18}")
print(isinstance(Durum.MUAYENEDE, str), isinstance(Öncelik.ACİL, int), isinstance(Renk.YEŞİL, str))
print(Durum.MUAYENEDE.title(), Durum.BEKLİYOR.startswith("bek"), Öncelik.ACİL.bit_length())
print(Hasta(Öncelik.ACİL, "Can"))
try:
    Hasta(Öncelik.ORTA, "Ece", Durum.BEKLİYOR, 5)
except TypeError as e:
    print(e)
print(f"{Renk.KIRMIZI:d}")
