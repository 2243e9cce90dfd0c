# An awaitable class of one's own: __await__ as a generator that delegates to a coroutine,
# or gives the loop a round with a bare yield.
import asyncio

class Zamanlayici:
    def __init__(self, saniye, sonuc):
        self.saniye = saniye
        self.sonuc = sonuc

    def __await__(self):
        print("bekleniyor:", self.saniye)
        yield from asyncio.sleep(self.saniye).__await__()
        return self.sonuc

class BirTur:
    def __await__(self):
        yield
        return "bir tur sonra"

async def diger():
    print("diğer görev çalıştı")

async def main():
    print(await Zamanlayici(0.2, "çay hazır"))
    asyncio.create_task(diger())
    print(await BirTur())
    sonuclar = await asyncio.gather(Zamanlayici(0.1, "a"), Zamanlayici(0.3, "b"))
    print(sonuclar)
    asyncio.get_running_loop().call_soon(None, 1)
    await asyncio.sleep(0)

asyncio.run(main())
