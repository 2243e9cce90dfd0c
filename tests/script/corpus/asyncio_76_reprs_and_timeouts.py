# What a learner prints to look inside asyncio: the state of a Lock, a Semaphore, an Event, a
# Barrier and the queues as CPython writes them; and what a timeout says it came from: wait_for
# and asyncio.timeout raise TimeoutError from the cancel, whose traceback comes first.
import asyncio


def show(*objects):
    """Each object's repr without its address (CPython's shows one; Loopscope's none)."""
    texts = []
    for o in objects:
        r = repr(o)
        at = r.find(" at 0x")
        texts.append(r if at < 0 else r[:at] + r[r.index(" ", at + 4):])
    print(*texts)


async def main():
    lock, sem, bsem, ev = asyncio.Lock(), asyncio.Semaphore(2), asyncio.BoundedSemaphore(1), asyncio.Event()
    q, lq, pq = asyncio.Queue(maxsize=3), asyncio.LifoQueue(), asyncio.PriorityQueue()
    show(lock, sem, bsem, ev, q, lq, pq)
    async with lock:
        t = asyncio.create_task(lock.acquire())
        await asyncio.sleep(0)
        show(lock)
    show(lock)
    await t
    lock.release()
    await sem.acquire()
    show(sem)
    await sem.acquire()
    show(sem)
    sem.release()
    sem.release()
    await q.put(1)
    await q.put("two")
    show(q)
    g = asyncio.create_task(asyncio.Queue().get())
    ev.set()
    show(ev)
    w = asyncio.Event()
    ws = [asyncio.create_task(w.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    show(w)
    w.set()
    await asyncio.gather(*ws)
    b = asyncio.Barrier(3)
    show(b)
    await pq.put((2, "b"))
    await pq.put((1, "a"))
    show(pq)
    e = asyncio.Queue()
    getter = asyncio.create_task(e.get())
    await asyncio.sleep(0)
    show(e)
    e.put_nowait(5)
    await getter
    show(e)
    g.cancel()


async def slow():
    await asyncio.sleep(1)


async def timeouts():
    try:
        await asyncio.wait_for(slow(), 0.1)
    except TimeoutError as e:
        print(repr(e.__cause__), repr(e.__context__))
    try:
        async with asyncio.timeout(0.1):
            await slow()
    except TimeoutError as e:
        print(repr(e.__cause__), repr(e.__context__))
    await asyncio.wait_for(slow(), 0.1)


asyncio.run(main())
asyncio.run(timeouts())
