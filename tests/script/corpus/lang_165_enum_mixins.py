# Enums mixed with str and int, as tutorials write them before StrEnum: the members are
# their values in comparisons, dict keys and string methods, and print as enum members.
import asyncio
from enum import Enum


class Durum(str, Enum):
    BEKLIYOR = "bekliyor"
    MUAYENEDE = "muayenede"
    BITTI = "bitti"


class Oncelik(int, Enum):
    DUSUK = 1
    ACIL = 3


class Renk(str, Enum):
    KIRMIZI = "kırmızı"

    def __str__(self):
        return self.value


async def hasta(ad, oncelik, durumlar):
    durumlar[ad] = Durum.MUAYENEDE
    await asyncio.sleep(0.1 * (4 - oncelik))
    durumlar[ad] = Durum.BITTI
    print(f"{ad}: {durumlar[ad]} ({durumlar[ad].value}), öncelik {oncelik.name} = {oncelik + 0}")


async def main():
    durumlar = {"Ali": Durum.BEKLIYOR, "Ayşe": Durum.BEKLIYOR}
    print(durumlar["Ali"] == "bekliyor", "bekliyor" in [d for d in Durum], isinstance(Durum.BITTI, str))
    print(Durum("bitti"), repr(Durum.BITTI), Durum.BITTI.upper(), len(Durum.MUAYENEDE))
    print(hash(Durum.BITTI) == hash("bitti"), {Durum.BITTI: 1}["bitti"], sorted(Oncelik), max(Oncelik))
    print("%d hasta, öncelik %d" % (2, Oncelik.ACIL), f"[{Oncelik.ACIL:>14}]", Oncelik.ACIL * 2)
    print("%s / %s" % (Durum.BITTI, Renk.KIRMIZI), "%s" % Oncelik.ACIL, f"{Renk.KIRMIZI:>9}|", str.__str__(Durum.BITTI))
    await asyncio.gather(hasta("Ali", Oncelik.DUSUK, durumlar), hasta("Ayşe", Oncelik.ACIL, durumlar))


asyncio.run(main())
