import asyncio

async def work(n):
    await asyncio.sleep(n / 10)
    if n == 2:
        raise ValueError(f"bad {n}")
    print("done", n)
    return n

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work(1))
        t2 = tg.create_task(work(2))
        t3 = tg.create_task(work(3))
    print(t1.result())

asyncio.run(main())
