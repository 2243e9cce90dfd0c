# A cancelled task waiting on a queue or a semaphore gives up its turn at once, as asyncio's
# cancel() makes its waiter done: the next waiter takes the item or the unit in the same round.
# A lock wakes its first waiter even if cancelled, who passes the turn on, as asyncio's does.
import asyncio
async def user(n, s):
    async with s:
        print("user", n, "in"); await asyncio.sleep(0.1)
async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(q.get())
    g2 = asyncio.create_task(q.get())
    await asyncio.sleep(0.1)
    g1.cancel()
    q.put_nowait("only")
    await asyncio.sleep(0)
    print(g2.done(), q.qsize())
    q2 = asyncio.Queue(maxsize=1)
    q2.put_nowait(1)
    p1 = asyncio.create_task(q2.put(2))
    p2 = asyncio.create_task(q2.put(3))
    await asyncio.sleep(0.1)
    p1.cancel()
    print(q2.get_nowait())
    await asyncio.sleep(0)
    print(q2.qsize(), p2.done())
    s = asyncio.Semaphore(1); await s.acquire()
    ts = [asyncio.create_task(user(i, s)) for i in range(3)]
    await asyncio.sleep(0.1)
    ts[0].cancel(); s.release()
    await asyncio.sleep(0); print("turn 1", s.locked())
    await asyncio.gather(*ts, return_exceptions=True)
    lock = asyncio.Lock(); await lock.acquire()
    ls = [asyncio.create_task(user(i, lock)) for i in range(3)]
    await asyncio.sleep(0.1)
    ls[0].cancel(); lock.release()
    await asyncio.sleep(0); print("lock turn 1", lock.locked())
    await asyncio.gather(*ls, return_exceptions=True)
    # all getters cancelled: the item stays
    q3 = asyncio.Queue()
    gs = [asyncio.create_task(q3.get()) for _ in range(2)]
    await asyncio.sleep(0)
    for g in gs: g.cancel()
    q3.put_nowait("x")
    await asyncio.sleep(0)
    print(q3.qsize(), [g.cancelled() for g in gs])
asyncio.run(main())
