# A waiter that is cancelled (by wait_for's timeout or by task.cancel()) leaves the line:
# the next item, lock or permit goes to a task still waiting, never to the cancelled one.
import asyncio


async def late_put(queue):
    await asyncio.sleep(0.2)
    queue.put_nowait("paket")


async def holder(lock, name):
    async with lock:
        print(name, "tutuyor")
        await asyncio.sleep(0.3)
    print(name, "bıraktı")


async def waiter(sem, name):
    async with sem:
        print(name, "girdi")


async def main():
    queue = asyncio.Queue()
    asyncio.create_task(late_put(queue))
    try:
        await asyncio.wait_for(queue.get(), timeout=0.1)
    except asyncio.TimeoutError:
        print("get: zaman aşımı")
    print("get:", await asyncio.wait_for(queue.get(), timeout=0.5))

    lock = asyncio.Lock()
    asyncio.create_task(holder(lock, "holder"))
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(lock.acquire(), 0.1)
    except asyncio.TimeoutError:
        print("lock: zaman aşımı")
    await asyncio.wait_for(lock.acquire(), 1)
    print("lock alındı")
    lock.release()

    sem = asyncio.Semaphore(1)
    await sem.acquire()
    first = asyncio.create_task(waiter(sem, "first"))
    second = asyncio.create_task(waiter(sem, "second"))
    await asyncio.sleep(0.1)
    first.cancel()
    await asyncio.sleep(0)
    sem.release()
    await second
    print("first cancelled:", first.cancelled())


asyncio.run(main())
