# How an event loop drives coroutines underneath: send(None) runs one step, a bare yield
# (asyncio.sleep(0), or an __await__ that yields) hands control back, StopIteration ends it.
import asyncio
from collections import deque


class Gelecek:
    """A tiny future: awaiting it yields itself to whoever drives the coroutine."""

    def __init__(self, ad):
        self.ad = ad
        self.sonuc = None

    def __await__(self):
        yield self
        return self.sonuc


async def hasta(ad, adim):
    for i in range(adim):
        print(f"{ad}: adım {i}")
        await asyncio.sleep(0)
    veri = await Gelecek(ad)
    print(f"{ad}: sonuç geldi -> {veri}")
    return ad.upper()


def dongu(coros):
    hazir = deque(coros)
    bitenler = []
    while hazir:
        coro = hazir.popleft()
        try:
            bekledigi = coro.send(None)
        except StopIteration as e:
            bitenler.append(e.value)
            continue
        if isinstance(bekledigi, Gelecek):
            bekledigi.sonuc = f"{bekledigi.ad} için veri"
        hazir.append(coro)
    return bitenler


print(dongu([hasta("ayşe", 2), hasta("mehmet", 1)]))


async def selam():
    return 42

c = selam()
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration.value =", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


async def temkinli():
    try:
        await asyncio.sleep(0)
    except KeyError as e:
        print("içeride yakalandı:", repr(e))
        return "kurtarıldı"
    finally:
        print("finally çalıştı")

t = temkinli()
t.send(None)
try:
    t.throw(KeyError("anahtar"))
except StopIteration as e:
    print("bitti:", e.value)

k = temkinli()
k.send(None)
k.close()
print("kapatıldı")

try:
    temkinli().send("x")
except TypeError as e:
    print("TypeError:", e)


async def uyur():
    await asyncio.sleep(1)

try:
    uyur().send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
