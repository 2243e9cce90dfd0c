# Queues, semaphores and task groups as CPython shows them: a cancelled getter leaves the
# line, a float or negative maxsize, BoundedSemaphore's type, a TaskGroup's states, and an
# as_completed timeout that costs no loop round.
import asyncio


async def hello():
    print("hello ran")


async def other():
    print("other")


async def main():
    q = asyncio.Queue()
    first = asyncio.create_task(q.get())
    second = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    first.cancel()
    q.put_nowait("a")
    r = repr(q)
    print(r[r.index("maxsize"):])
    print(await second)

    for maxsize in (2.5, -1):
        q = asyncio.Queue(maxsize)
        n = 0
        try:
            while n < 5:
                q.put_nowait(n)
                n += 1
        except asyncio.QueueFull:
            pass
        print(q.maxsize, n, str(q))
    print(type(asyncio.BoundedSemaphore()).__name__, type(asyncio.Semaphore()).__name__)

    tg = asyncio.TaskGroup()
    print(repr(tg))
    try:
        tg.create_task(hello())
    except RuntimeError as e:
        print(e)
    async with tg:
        tg.create_task(hello())
        print(repr(tg))
    try:
        tg.create_task(hello())
    except RuntimeError as e:
        print(e)

    try:
        for f in asyncio.as_completed([asyncio.sleep(1)], timeout=0.1):
            await f
    except asyncio.TimeoutError:
        print("timeout")
    asyncio.create_task(other())
    await asyncio.sleep(0)
    print("main")


asyncio.run(main())
