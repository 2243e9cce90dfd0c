# A release hands the lock (or a semaphore's unit) to the first waiter as it wakes it: the
# releaser acquiring again waits behind it, as in CPython 3.11. An event set and cleared at
# once still wakes the tasks that were waiting.
import asyncio
async def worker(name, lock):
    for i in range(2):
        async with lock:
            print(name, i, lock.locked())
            await asyncio.sleep(0.1)
async def main():
    lock = asyncio.Lock()
    await asyncio.gather(worker("x", lock), worker("y", lock))
    sem = asyncio.Semaphore(1)
    await asyncio.gather(worker("s", sem), worker("t", sem))
    sem2 = asyncio.Semaphore(2)
    await asyncio.gather(worker("a", sem2), worker("b", sem2), worker("c", sem2))
    lock = asyncio.Lock()
    async def holder():
        async with lock:
            await asyncio.sleep(0.1)
            print("holder releases")
    async def waiter(n):
        async with lock:
            print("waiter", n, "got it")
    h = asyncio.create_task(holder())
    await asyncio.sleep(0)
    ws = [asyncio.create_task(waiter(n)) for n in range(3)]
    await asyncio.sleep(0)
    await asyncio.sleep(0.1)
    print("locked after release?", lock.locked())
    ws[0].cancel()
    await asyncio.gather(h, *ws, return_exceptions=True)
    print("end locked", lock.locked())
    # release twice before the woken waiter runs
    lock = asyncio.Lock()
    await lock.acquire()
    async def w2():
        await lock.acquire()
        print("w2 got it")
        lock.release()
    t = asyncio.create_task(w2())
    await asyncio.sleep(0)
    lock.release()
    print("locked now?", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)
    await t
    ev = asyncio.Event()
    async def ew():
        await ev.wait(); print("woke")
    t = asyncio.create_task(ew())
    await asyncio.sleep(0)
    ev.set(); ev.clear()
    await asyncio.sleep(0.1)
    print(t.done())
    s = asyncio.Semaphore(0)
    async def sw(n):
        async with s:
            print("sw", n)
    ts = [asyncio.create_task(sw(n)) for n in range(3)]
    await asyncio.sleep(0)
    s.release(); s.release()
    ts[0].cancel()
    print("sem locked", s.locked())
    await asyncio.sleep(0.1)
    print([t.cancelled() for t in ts], s.locked())
asyncio.run(main())
