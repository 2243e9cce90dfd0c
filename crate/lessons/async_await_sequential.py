import asyncio

# The seed's example with its typos fixed; yfonksiyonu's body and the last line are not in the seed.
async def yfonksiyonu():
    print("yfonksiyonu çalışıyor")
    await asyncio.sleep(1)
    print("yfonksiyonu bitti")

async def xfonksiyonu():
    print("ıvır zıvır")
    await asyncio.sleep(3)
    await yfonksiyonu()

asyncio.run(xfonksiyonu())
