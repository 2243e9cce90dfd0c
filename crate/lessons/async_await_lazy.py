import asyncio

async def yfonksiyonu():
    print("yfonksiyonu çalışıyor")
    await asyncio.sleep(1)
    print("yfonksiyonu bitti")

async def xfonksiyonu():
    print("ıvır zıvır")
    await asyncio.sleep(3)
    await yfonksiyonu()

# Kaynakta yok: çağrılan ama hiç await edilmeyen bir coroutine.
async def main():
    coroutine = xfonksiyonu()
    print("xfonksiyonu() çağrıldı: bir coroutine nesnesi döndü, ama içinden hiçbir şey çalışmadı")
    del coroutine  # RuntimeWarning: coroutine 'xfonksiyonu' was never awaited
    print("await edilmeden bırakıldı; şimdi await ediyoruz:")
    await xfonksiyonu()

asyncio.run(main())
