import asyncio

async def w(sem, i):
    async with sem:
        print("start", i)
        await asyncio.sleep(0.1)
        print("end", i)

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(w(sem, i) for i in range(3)))

asyncio.run(main())
