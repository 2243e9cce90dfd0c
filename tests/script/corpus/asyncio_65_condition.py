# asyncio.Condition: a lock with a waiting room. wait() lets the lock go, sleeps until notify()
# wakes it, and takes the lock back before it returns; notify(n) wakes the first n waiters,
# notify_all() all of them, each in turn as the lock comes free. wait_for(predicate) waits until
# the predicate holds. A waiter cancelled while it waits still takes the lock back first.
import asyncio

stok = []


async def tuketici(ad, kosul):
    async with kosul:
        print(f"{ad}: bekliyor")
        await kosul.wait_for(lambda: len(stok) > 0)
        print(f"{ad}: aldı {stok.pop(0)}, kilit: {kosul.locked()}")


async def bekleyen(ad, kosul):
    async with kosul:
        print(f"{ad}: wait")
        sonuc = await kosul.wait()
        print(f"{ad}: uyandı {sonuc}")
        await asyncio.sleep(0.05)
        print(f"{ad}: kilidi bırakıyor")


async def iptal_edilen(kosul):
    async with kosul:
        try:
            await kosul.wait()
        except asyncio.CancelledError:
            print("iptal: kilit yine bende:", kosul.locked())
            raise


async def main():
    kosul = asyncio.Condition()
    try:
        await kosul.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        kosul.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)

    gorevler = [asyncio.create_task(tuketici(f"t{i}", kosul)) for i in range(3)]
    await asyncio.sleep(0.05)
    for urun in ["elma", "armut"]:
        async with kosul:
            stok.append(urun)
            print("üretici: ekledi", urun)
            kosul.notify()
        await asyncio.sleep(0.05)
    async with kosul:
        stok.append("kiraz")
        kosul.notify_all()
        print("üretici: notify_all")
    await asyncio.gather(*gorevler)

    bekleyenler = [asyncio.create_task(bekleyen(f"b{i}", kosul)) for i in range(3)]
    await asyncio.sleep(0.05)
    async with kosul:
        kosul.notify(2)
        print("main: notify(2)")
    await asyncio.sleep(0.2)
    async with kosul:
        kosul.notify_all()
    await asyncio.gather(*bekleyenler)

    g = asyncio.create_task(iptal_edilen(kosul))
    await asyncio.sleep(0.05)
    async with kosul:
        g.cancel()
        await asyncio.sleep(0.05)
        print("main: kilit hâlâ bende")
    try:
        await g
    except asyncio.CancelledError:
        print("main: görev iptal edildi", kosul.locked())


asyncio.run(main())
