# A watchdog that tags each task with when it started and what it is for (CPython's tasks
# take attributes of their own), and cancels the ones that run too long.
import asyncio


async def indir(dosya, sure):
    await asyncio.sleep(sure)
    return f"{dosya} indi"


async def bekci(gorevler, sinir):
    loop = asyncio.get_running_loop()
    while any(not g.done() for g in gorevler):
        await asyncio.sleep(0.1)
        for g in gorevler:
            if not g.done() and loop.time() - g.baslangic > sinir:
                print(f"bekçi: {g.etiket} {sinir} sn'yi geçti, iptal")
                g.cancel()


async def main():
    loop = asyncio.get_running_loop()
    gorevler = []
    for dosya, sure in [("a.txt", 0.2), ("b.iso", 0.9), ("c.pdf", 0.4)]:
        g = asyncio.create_task(indir(dosya, sure), name=dosya)
        g.baslangic = loop.time()
        g.etiket = f"[{dosya}]"
        gorevler.append(g)
    await bekci(gorevler, 0.45)
    for g in gorevler:
        durum = "iptal" if g.cancelled() else g.result()
        print(g.etiket, durum, hasattr(g, "baslangic"))
    del gorevler[0].etiket
    print(getattr(gorevler[0], "etiket", "etiket yok"))
    try:
        gorevler[1].bitis
    except AttributeError as e:
        print("hata:", e)


asyncio.run(main())
