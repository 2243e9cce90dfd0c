import asyncio


async def quick(x):
    await asyncio.sleep(0.2)
    return x + 1


async def main():
    r = await asyncio.wait_for(quick(1), timeout=1)
    print("finished in time:", r)
    r = await asyncio.wait_for(quick(10), timeout=None)
    print("no timeout:", r)
    await asyncio.sleep(0.5)
    print("main done")


asyncio.run(main())
