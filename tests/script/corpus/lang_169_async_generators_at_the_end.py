# Async generators left at a yield: asyncio.run closes those its loop started as it ends
# (their finally runs), loop.shutdown_asyncgens() closes them when asked, and a generator
# closed by one run is finished for the next.
import asyncio

akis = None


async def olcumler(ad):
    try:
        for i in range(1, 10):
            yield f"{ad} {i}"
            await asyncio.sleep(0.1)
    finally:
        print(f"{ad}: bağlantı kapandı")


async def ilk():
    global akis
    akis = olcumler("sensör")
    print(await anext(akis))
    print(await anext(akis))


async def ikinci():
    print("ikinci çalıştırma:", await anext(akis, "akış bitmiş"))
    yerel = olcumler("yedek")
    print(await anext(yerel))
    await asyncio.get_running_loop().shutdown_asyncgens()
    print("kapatıldıktan sonra:", await anext(yerel, "kapalı"))
    try:
        anext()
    except TypeError as e:
        print("TypeError:", e)
    try:
        aiter(yerel, 1)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(ilk())
print("ilk çalıştırma bitti")
asyncio.run(ikinci())
