# An exception that holds itself in its args (super().__init__(self, mesaj)) prints once, as
# "(...)"; a class's own __new__ that passes on fewer keeps all the call's args; SystemExit's
# code; with_traceback; Condition.wait_for asks a deque and an object for their truth
import asyncio
from collections import deque

class Hata(Exception):
    def __init__(self, mesaj):
        super().__init__(self, mesaj)  # yanlış: self iki kez

e = Hata("disk dolu")
print(repr(e))
print(str(e))
t = ([],)
t[0].append(t)
print(t)

class Grup(ExceptionGroup):
    def __new__(cls, mesaj, hatalar, kod=None):
        self = super().__new__(cls, mesaj, hatalar)
        self.kod = kod
        return self

g = Grup("toplu", [ValueError(1)], 42)
print(g.args, g.kod, repr(g))

print(SystemExit().code, SystemExit(2).code, SystemExit(1, "iki").code)
h = ValueError("a")
print(h.with_traceback(None) is h)
try:
    h.with_traceback(5)
except TypeError as x:
    print("TypeError:", x)

class Bos:
    def __len__(self):
        return len(siparisler)

siparisler = deque()

async def garson(cond):
    for i in range(2):
        await asyncio.sleep(0.1)
        async with cond:
            siparisler.append(f"çay {i}")
            cond.notify()

async def main():
    cond = asyncio.Condition()
    asyncio.create_task(garson(cond))
    for _ in range(2):
        async with cond:
            await cond.wait_for(lambda: siparisler)
            print("sipariş:", siparisler.popleft())
    asyncio.create_task(garson(cond))
    async with cond:
        kutu = await cond.wait_for(Bos)
        print("dolu:", len(kutu))

asyncio.run(main())
