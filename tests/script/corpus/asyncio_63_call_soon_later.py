# The event loop runs callbacks as well as tasks. call_soon queues a function for the loop's
# next turn, behind what is ready already, first in first out with the tasks; call_later and
# call_at run one when its time comes, earliest deadline first. A handle's cancel() takes a
# callback back before it runs. An exception in a callback is logged and the loop goes on.
import asyncio


def yaz(mesaj):
    print(f"{loop.time() - t0:.2f} geri çağrı:", mesaj)


async def gorev(ad):
    print(f"{ad}: başladı")
    await asyncio.sleep(0)
    print(f"{ad}: bitti")


async def main():
    global loop, t0
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    loop.call_soon(yaz, "soon 1")
    asyncio.create_task(gorev("görev"))
    loop.call_soon(yaz, "soon 2")
    print("main: kuyruğa koydu")
    await asyncio.sleep(0)
    print("main: bir tur geçti")
    await asyncio.sleep(0)
    loop.call_later(0.2, yaz, "later 0.2")
    loop.call_later(0.1, yaz, "later 0.1")
    h = loop.call_later(0.15, yaz, "iptal edilecek")
    loop.call_at(loop.time() + 0.1, yaz, "at +0.1")
    print("cancelled:", h.cancelled())
    h.cancel()
    print("cancelled:", h.cancelled())
    fut = loop.create_future()
    loop.call_later(0.25, fut.set_result, "zamanında")
    print("main:", await fut)
    loop.call_soon(lambda: 1 / 0)
    loop.call_soon(yaz, "hatadan sonra")
    await asyncio.sleep(0.05)
    print("son")


asyncio.run(main())
