# A ticker counts the loop's rounds while main waits on each of asyncio's primitives in turn:
# a queue, an event, a lock handed on, a semaphore, a condition, a timeout due at once, a
# shield and a future set by a callback. The log shows how many rounds each wake takes.
import asyncio

log = []


async def ticker():
    for i in range(60):
        log.append(i)
        await asyncio.sleep(0)


def mark(s):
    log.append(s)


async def main():
    t = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    q = asyncio.Queue()
    async def getter():
        v = await q.get()
        mark(f"got {v}")
    g = asyncio.create_task(getter())
    await asyncio.sleep(0)
    mark("put")
    q.put_nowait(1)
    await g
    mark("getter done")
    ev = asyncio.Event()
    async def ew():
        await ev.wait()
        mark("event seen")
    e = asyncio.create_task(ew())
    await asyncio.sleep(0)
    mark("set")
    ev.set()
    await e
    mark("ew done")
    lock = asyncio.Lock()
    async def holder():
        async with lock:
            mark("holder in")
            await asyncio.sleep(0)
            await asyncio.sleep(0)
        mark("holder out")
    async def waiter():
        async with lock:
            mark("waiter in")
    h = asyncio.create_task(holder())
    w = asyncio.create_task(waiter())
    await asyncio.gather(h, w)
    mark("lock done")
    sem = asyncio.Semaphore(1)
    async def s(k):
        async with sem:
            mark(f"s{k} in")
            await asyncio.sleep(0)
    await asyncio.gather(s(1), s(2), s(3))
    mark("sem done")
    cond = asyncio.Condition()
    async def cw():
        async with cond:
            await cond.wait()
            mark("cond woke")
    c = asyncio.create_task(cw())
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        mark("notified")
    await c
    mark("cond done")
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(1)
    except TimeoutError:
        mark("timeout")
    inner = asyncio.create_task(asyncio.sleep(0, "x"))
    mark(await asyncio.shield(inner))
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, 5)
    mark(await fut)
    await t
    print(log)


asyncio.run(main())
