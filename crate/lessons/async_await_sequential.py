import asyncio

# Kaynaktaki örnek, yazım hataları düzeltilmiş; yfonksiyonu'nun gövdesi ve son satır kaynakta yok.
async def yfonksiyonu():
    print("yfonksiyonu çalışıyor")
    await asyncio.sleep(1)
    print("yfonksiyonu bitti")

async def xfonksiyonu():
    print("ıvır zıvır")
    await asyncio.sleep(3)
    await yfonksiyonu()

asyncio.run(xfonksiyonu())
