# Python 3.10's dataclass options as tutorials show them: keyword-only fields and slots.
import asyncio
from dataclasses import dataclass, field, fields


@dataclass(kw_only=True)
class Ayar:
    sunucu: str
    port: int = 8080
    zaman_asimi: float = 1.5


@dataclass
class Istek:
    adres: str
    deneme: int = field(default=3, kw_only=True)
    gecikme: float = 0.1
    etiket: str = field(kw_only=True, default="genel")


@dataclass(kw_only=True)
class OzelIstek(Istek):
    oncelik: int


@dataclass(slots=True)
class Nokta:
    x: int
    y: int = 0


ayar = Ayar(sunucu="yerel")
print(ayar, Ayar.__match_args__)
for yanlis in (lambda: Ayar("yerel"), lambda: Ayar(), lambda: Istek()):
    try:
        yanlis()
    except TypeError as e:
        print("TypeError:", e)

print(Istek("/a", 0.5), Istek("/b", gecikme=0.2, deneme=5))
print(Istek.__match_args__, [(f.name, f.kw_only) for f in fields(Istek)])
print(OzelIstek("/c", oncelik=1))

n = Nokta(3)
print(n, hasattr(n, "__dict__"), Nokta.__slots__)
try:
    n.z = 5
except AttributeError as e:
    print("AttributeError:", e)


async def gonder(istek):
    await asyncio.sleep(istek.gecikme)
    print(f"{istek.adres} gönderildi ({istek.etiket}, {istek.deneme} deneme)")


async def main():
    await asyncio.gather(gonder(Istek("/x", gecikme=0.2)), gonder(Istek("/y", etiket="acil")))


asyncio.run(main())
