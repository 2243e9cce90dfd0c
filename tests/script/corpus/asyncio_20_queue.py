import asyncio


async def producer(q, n):
    for i in range(n):
        await asyncio.sleep(0.1)
        await q.put(i)
        print(f"put {i}")


async def consumer(q, name):
    while True:
        item = await q.get()
        print(f"{name} got {item}")
        await asyncio.sleep(0.35)
        print(f"{name} finished {item}")
        q.task_done()


async def main():
    q = asyncio.Queue()
    workers = [asyncio.create_task(consumer(q, n)) for n in ("A", "B")]
    await producer(q, 5)
    print("producer done, waiting for join()")
    await q.join()
    print("queue drained, empty:", q.empty())
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
