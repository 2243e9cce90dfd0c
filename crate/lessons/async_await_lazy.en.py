import asyncio

async def yfonksiyonu():
    print("yfonksiyonu is running")
    await asyncio.sleep(1)
    print("yfonksiyonu is done")

async def xfonksiyonu():
    print("odds and ends")
    await asyncio.sleep(3)
    await yfonksiyonu()

# Not in the seed: a coroutine that is called but never awaited.
async def main():
    coroutine = xfonksiyonu()
    print("xfonksiyonu() was called: it returned a coroutine object, but nothing in it ran")
    del coroutine  # RuntimeWarning: coroutine 'xfonksiyonu' was never awaited
    print("Dropped without an await; now we await one:")
    await xfonksiyonu()

asyncio.run(main())
