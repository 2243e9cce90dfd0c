# asyncio's coroutine methods called without await are warned about under CPython's names
# (Lock.acquire, Semaphore.acquire, Event.wait, wait): the commonest forgotten await.
import asyncio
async def work():
    await asyncio.sleep(0.1)
async def main():
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    ev = asyncio.Event()
    cond = asyncio.Condition()
    lock.acquire()
    print("after lock", lock.locked())
    sem.acquire()
    print("after sem")
    ev.wait()
    print("after event")
    cond.acquire()
    print("after cond")
    asyncio.wait([asyncio.create_task(work())])
    print("after wait")
    c = lock.acquire()
    print(type(c).__name__, c.__qualname__, ev.wait().__qualname__)
    c.close()
    await asyncio.sleep(0.2)
asyncio.run(main())
