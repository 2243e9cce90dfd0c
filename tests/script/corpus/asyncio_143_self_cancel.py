# A task that cancels itself (or is cancelled while it runs) hears of it as CPython's does:
# at its next wait, a round later; not at an await that gives at once; and, if it returns
# first, it ends cancelled. A child that cancels the parent awaiting it cancels itself too.
import asyncio


async def hazır():
    return "hazır"


async def kendini_iptal(ad, bekle):
    asyncio.current_task().cancel()
    print(ad, "kendini iptal etti")
    try:
        print(ad, "bekledi:", await bekle())
        await asyncio.sleep(0)
        print(ad, "buraya gelmez")
    except asyncio.CancelledError:
        print(ad, "yakaladı, cancelling =", asyncio.current_task().cancelling())


async def sayaç():
    for i in range(3):
        print("sayaç", i)
        await asyncio.sleep(0)


async def dönen():
    asyncio.current_task().cancel()
    return "normal dönüş"


async def çocuk(ebeveyn):
    ebeveyn.cancel()
    return "çocuk sonucu"


async def ebeveyn_görevi():
    try:
        print(await asyncio.create_task(çocuk(asyncio.current_task())))
    except asyncio.CancelledError:
        print("ebeveyn iptal edildi")
        raise


async def main():
    bitmiş = asyncio.create_task(hazır())
    await asyncio.sleep(0)
    olay = asyncio.Event()
    await asyncio.gather(kendini_iptal("uyku", lambda: asyncio.sleep(0.05)), sayaç())
    await asyncio.gather(kendini_iptal("olay", olay.wait), sayaç())
    await asyncio.gather(kendini_iptal("bitmiş", lambda: bitmiş), sayaç())
    print(await asyncio.gather(dönen(), return_exceptions=True))
    e = asyncio.create_task(ebeveyn_görevi())
    await asyncio.gather(e, return_exceptions=True)
    print("ebeveyn iptal mi:", e.cancelled())
    q = asyncio.Queue()
    q.put_nowait("Ali")
    q.put_nowait("Ayşe")
    print(q._queue, q._unfinished_tasks, list(q._queue))


asyncio.run(main())
