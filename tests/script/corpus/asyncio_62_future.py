# A Future is a box for a result that comes later: loop.create_future() (or asyncio.Future())
# makes one, set_result fills it, and every task that awaits it waits until then. set_exception
# makes the await raise; cancel() makes it raise CancelledError, and cancelling a task that
# awaits a future cancels the future too. A future's state, its repr and its callbacks, and the
# errors of using one wrong.
import asyncio


async def uretici(fut, sure, deger):
    await asyncio.sleep(sure)
    print("üretici: sonuç veriliyor")
    fut.set_result(deger)


async def bekleyen(ad, fut):
    print(f"{ad}: bekliyor")
    try:
        sonuc = await fut
        print(f"{ad}: sonuç {sonuc}")
    except asyncio.CancelledError:
        print(f"{ad}: iptal edildi")
        raise


def bitti(fut):
    print("geri çağrı:", fut)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut, fut.done(), fut.cancelled())
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    fut.add_done_callback(bitti)
    b1 = asyncio.create_task(bekleyen("b1", fut))
    b2 = asyncio.create_task(bekleyen("b2", fut))
    asyncio.create_task(uretici(fut, 0.1, 42))
    await asyncio.sleep(0)
    print(fut)
    print("main:", await fut)
    await asyncio.gather(b1, b2)
    print(fut, fut.result(), fut.exception())
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)

    hata = asyncio.Future()
    hata.set_exception(ValueError("bozuk"))
    print(hata)
    try:
        await hata
    except ValueError as e:
        print("await hata:", repr(e))
    print(repr(hata.exception()))
    sinif = loop.create_future()
    sinif.set_exception(KeyError)
    print(repr(sinif.exception()))

    iptal = loop.create_future()
    b3 = asyncio.create_task(bekleyen("b3", iptal))
    await asyncio.sleep(0.05)
    print("cancel:", iptal.cancel(), iptal.cancel())
    print(iptal, iptal.cancelled(), iptal.done())
    try:
        await b3
    except asyncio.CancelledError:
        print("b3 iptal")
    try:
        iptal.result()
    except asyncio.CancelledError:
        print("result(): CancelledError")

    f4 = loop.create_future()
    b4 = asyncio.create_task(bekleyen("b4", f4))
    await asyncio.sleep(0.05)
    b4.cancel()
    await asyncio.sleep(0)
    print("f4:", f4.cancelled(), "b4:", b4.cancelled())

    kayip = loop.create_future()
    kayip.set_exception(RuntimeError("kimse bakmadı"))
    del kayip
    await asyncio.sleep(0.05)
    print("son")


asyncio.run(main())
