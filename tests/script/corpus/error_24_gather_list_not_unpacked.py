# A common mistake: gather() given the list of coroutines itself, not its items (*liste).
# CPython's gather looks each argument up in a dict first, so a list is "unhashable".
import asyncio


async def indir(n):
    await asyncio.sleep(0.1)
    return n * 10


async def main():
    isler = [indir(n) for n in range(3)]
    try:
        await asyncio.gather(isler)
    except TypeError as e:
        print("TypeError:", e)
    print(await asyncio.gather(*isler))
    try:
        await asyncio.wait_for(42, timeout=1)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
