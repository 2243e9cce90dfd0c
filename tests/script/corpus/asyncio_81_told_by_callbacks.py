# gather, wait and a TaskGroup count the ends they are told of by their done callbacks, not
# the tasks that are done: a gather inside a gather, a gather or a shield over a future the
# awaiting task settles itself, wait's first exception, and a TaskGroup. A task that yields in
# a loop shows each loop round.
import asyncio


async def work(n):
    await asyncio.sleep(0)
    return n


async def fails():
    await asyncio.sleep(0)
    raise ValueError("broken")


async def spinner():
    for i in range(24):
        print("round", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    spin = asyncio.create_task(spinner())
    print("nested", await asyncio.gather(work(1), asyncio.gather(work(2))))
    future = loop.create_future()
    gathered = asyncio.gather(future, return_exceptions=True)
    future.cancel()
    print("over a cancelled future", await gathered)
    future = loop.create_future()
    shielded = asyncio.shield(future)
    future.set_result(5)
    print("shielded", await shielded)
    a = asyncio.create_task(work(3))
    b = asyncio.create_task(fails())
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_EXCEPTION)
    print("first exception", len(done), len(pending), b.exception())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(4))
        tg.create_task(work(5))
    print("group done")
    await spin


asyncio.run(main())
