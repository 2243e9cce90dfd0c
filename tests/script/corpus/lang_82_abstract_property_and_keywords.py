# Round-two probes: an abstract property keeps its class abstract, a misspelt enum member, a
# keyword given twice through **, a Counter's unary + and -, and a hand-run loop's shutdown and
# its closed state.
import asyncio
from abc import ABC, abstractmethod
from enum import Enum


class Şekil(ABC):
    @property
    @abstractmethod
    def alan(self):
        pass


class Kare(Şekil):
    pass


class Daire(Şekil):
    @property
    def alan(self):
        return 3.14


try:
    Kare()
except TypeError as e:
    print("TypeError:", e)
print(Daire().alan)


class Durum(Enum):
    BITTI = "bitti"


try:
    print(Durum.BİTTİ)
except AttributeError as e:
    print("AttributeError:", e)


def ayarla(ölçek=1):
    return ölçek


class Ayar:
    def __init__(self, a=1):
        self.a = a

    def kur(self, b=2):
        return b


for çağrı in [
    lambda: ayarla(ölçek=2, **{"ölçek": 3}),
    lambda: ayarla(**{"ölçek": 1}, **{"ölçek": 2}),
    lambda: Ayar().kur(b=1, **{"b": 2}),
    lambda: Ayar(a=1, **{"a": 2}),
    lambda: print(sep="", **{"sep": ""}),
    lambda: dict(a=1, **{"a": 2}),
]:
    try:
        çağrı()
    except TypeError as e:
        print("TypeError:", e)


from collections import Counter

stok = Counter(elma=2, armut=-1, kiraz=0)
print(+stok, -stok, stok)


async def iş():
    print("iş bitti")


loop = asyncio.new_event_loop()
loop.run_until_complete(iş())
loop.run_until_complete(loop.shutdown_asyncgens())
loop.run_until_complete(loop.shutdown_default_executor())
loop.close()
for adım in [lambda: loop.call_soon(print, "x"), lambda: loop.call_later(1, print), lambda: loop.call_at(1, print)]:
    try:
        adım()
    except RuntimeError as e:
        print("RuntimeError:", e)
