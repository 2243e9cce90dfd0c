import asyncio


async def producer(q):
    for i in range(5):
        print(f"producer: putting {i}")
        await q.put(i)
        print(f"producer: put {i}, size {q.qsize()}, full {q.full()}")
    await q.put(None)


async def consumer(q):
    await asyncio.sleep(0.5)
    while (item := await q.get()) is not None:
        print(f"consumer: got {item}")
        await asyncio.sleep(0.3)


async def main():
    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q), consumer(q))
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty from get_nowait()")
    q2 = asyncio.Queue(1)
    q2.put_nowait("x")
    try:
        q2.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull from put_nowait()")


asyncio.run(main())
