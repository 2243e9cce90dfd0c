# An async generator freed at a yield is closed by the loop, as CPython's finalizer hook
# closes it: aclose() in a task of its own, soon; its finally may even await.
import asyncio


async def sensör(ad):
    try:
        for i in range(10):
            yield f"{ad} ölçüm {i}"
            await asyncio.sleep(0.1)
    except GeneratorExit:
        print(ad, "kapatılıyor")
        raise
    finally:
        await asyncio.sleep(0.05)
        print(ad, "bağlantı kapandı")


async def oku(ad, kaç):
    akış = sensör(ad)
    for _ in range(kaç):
        print(await anext(akış))
    print(ad, "okuma bitti")


async def main():
    await oku("nem", 2)
    print("nem'den sonra")
    await asyncio.sleep(0.2)
    g = sensör("ısı")
    print(await anext(g))
    g = None
    print("g bırakıldı")
    await asyncio.sleep(0.2)
    print("main bitiyor")


asyncio.run(main())
print("program sonu")
