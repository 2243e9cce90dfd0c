# An async generator: `async def` with `yield`. Each `async for` step awaits inside it (here a
# sleep), so other tasks run between the values: two streams interleave on the loop.
import asyncio


async def olcumler(sensor, adet, aralik):
    for i in range(adet):
        await asyncio.sleep(aralik)
        yield f"{sensor}-{i}"


async def oku(sensor, adet, aralik):
    async for olcum in olcumler(sensor, adet, aralik):
        print("okundu", olcum)
    return sensor


async def main():
    print(await asyncio.gather(oku("sıcaklık", 3, 0.1), oku("nem", 2, 0.25)))
    print([o async for o in olcumler("basınç", 2, 0.05)])
    try:
        for o in olcumler("x", 1, 0.1):
            pass
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
