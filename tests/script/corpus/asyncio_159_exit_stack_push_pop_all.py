# ExitStack's push (an exit of one's own), pop_all (open all or nothing), callbacks with
# keywords; AsyncExitStack's push_async_exit; enter_context's error names the module
import asyncio
from contextlib import ExitStack, AsyncExitStack, contextmanager

@contextmanager
def dosya(ad):
    print("aç", ad)
    yield ad
    print("kapat", ad)

def hepsini_ac(adlar):
    with ExitStack() as yigin:
        acik = [yigin.enter_context(dosya(ad)) for ad in adlar]
        yigin.callback(print, "geri al", *adlar, sep="-")
        return acik, yigin.pop_all()

acik, kapatici = hepsini_ac(["a.txt", "b.txt"])
print("açık:", acik)
kapatici.close()

def yut(tip, hata, iz):
    print("çıkış gördü:", tip.__name__ if tip else None)
    return True

with ExitStack() as yigin:
    yigin.push(yut)
    raise ValueError("yutuldu")
print("devam")

try:
    with ExitStack() as yigin:
        yigin.enter_context(42)
except TypeError as e:
    print("TypeError:", e)

async def bekle(ad, son="\n"):
    await asyncio.sleep(0.1)
    print("kapanış", ad, end=son)

async def main():
    async def cikis(tip, hata, iz):
        print("async çıkış gördü:", hata)
    async with AsyncExitStack() as yigin:
        yigin.push_async_exit(cikis)
        yigin.push_async_callback(bekle, "bağlantı", son="!\n")
        print("içeride")

asyncio.run(main())
