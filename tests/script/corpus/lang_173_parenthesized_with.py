# Python 3.10's parenthesized with items (several managers over several lines, async too),
# and functools.cached_property: computed on first reading, then the instance's own
from contextlib import contextmanager
from functools import cached_property
import asyncio

@contextmanager
def kaynak(ad):
    print("aç", ad)
    yield ad.upper()
    print("kapat", ad)

with (
    kaynak("dosya") as d,
    kaynak("ağ") as a,
):
    print("içeride:", d, a)

with (kaynak("x"), kaynak("y")):
    print("iki yönetici")

class Daire:
    def __init__(self, r):
        self.r = r

    @cached_property
    def alan(self):
        print("alan hesaplanıyor")
        return round(3.14159 * self.r ** 2, 2)

d = Daire(2)
print(d.alan, d.alan)
d.r = 3
print(d.alan)
del d.alan
print(d.alan, type(Daire.alan).__name__)

async def main():
    kilit1, kilit2 = asyncio.Lock(), asyncio.Lock()
    async with (kilit1, kilit2):
        print("iki kilit:", kilit1.locked(), kilit2.locked())
    print("bırakıldı:", kilit1.locked(), kilit2.locked())

asyncio.run(main())
