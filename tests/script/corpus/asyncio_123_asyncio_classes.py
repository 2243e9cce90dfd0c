# asyncio's classes are classes: they print as CPython's, isinstance checks them (a
# PriorityQueue is a Queue), and a forgotten () reads as CPython's error says.
import asyncio


async def worker(q: asyncio.Queue, lock: asyncio.Lock):
    async with lock:
        item = await q.get()
        print("got", item)


async def main():
    print(asyncio.Queue, asyncio.Lock, asyncio.Event, asyncio.TaskGroup)
    print(type(asyncio.sleep).__name__, type(asyncio.gather).__name__, type(asyncio.get_event_loop).__name__)
    q, pq, lock = asyncio.Queue(maxsize=2), asyncio.PriorityQueue(), asyncio.Lock()
    print(isinstance(q, asyncio.Queue), isinstance(pq, asyncio.Queue), isinstance(q, asyncio.PriorityQueue))
    print(isinstance(asyncio.BoundedSemaphore(1), asyncio.Semaphore), type(lock) is asyncio.Lock)
    print(issubclass(asyncio.LifoQueue, asyncio.Queue), asyncio.Queue.__name__, asyncio.Semaphore.__module__)
    await q.put("çay")
    await worker(q, lock)
    for bad in ["asyncio.Queue(loop=None)", "asyncio.Lock(1)"]:
        try:
            eval_like = {"asyncio.Queue(loop=None)": lambda: asyncio.Queue(loop=None), "asyncio.Lock(1)": lambda: asyncio.Lock(1)}
            eval_like[bad]()
        except TypeError as e:
            print("TypeError:", e)
    try:
        await asyncio.sleep
    except TypeError as e:
        print("TypeError:", e)
    try:
        async with asyncio.Lock:
            pass
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
