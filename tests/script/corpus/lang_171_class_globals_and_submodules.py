# global and nonlocal in a class body; asyncio.exceptions as tracebacks name it; the
# RecursionError of a property that reads itself, and of a comparison that compares itself
import asyncio
import asyncio.exceptions

sayac = 0

class Kayit:
    global sayac
    sayac += 1
    ad = "kayıt"

print("sayac:", sayac, hasattr(Kayit, "sayac"))

def dis():
    x = "dış"
    class K:
        nonlocal x
        x = "K içinden"
        y = x
    return x, K.y, hasattr(K, "x")

print(dis())

async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.1)
    except asyncio.exceptions.TimeoutError:
        print("zaman aşımı:", asyncio.exceptions.TimeoutError is TimeoutError)
    print(asyncio.exceptions.CancelledError is asyncio.CancelledError)

asyncio.run(main())

class Sicaklik:
    def __init__(self, derece):
        self.derece = derece

    @property
    def derece(self):
        return self.derece  # yanlış: kendini okur

class Nokta:
    def __eq__(self, diger):
        return self == diger

for dene in (lambda: Sicaklik.derece.fget(Sicaklik.__new__(Sicaklik)), lambda: Nokta() == 1):
    try:
        dene()
    except RecursionError as e:
        print("RecursionError:", e)
