import asyncio

# The seed's example with its typos fixed; yfonksiyonu's body and the last line are not in the seed.
async def yfonksiyonu():
    print("yfonksiyonu is running")
    await asyncio.sleep(1)
    print("yfonksiyonu is done")

async def xfonksiyonu():
    print("odds and ends")
    await asyncio.sleep(3)
    await yfonksiyonu()

asyncio.run(xfonksiyonu())
