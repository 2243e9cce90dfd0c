import asyncio

async def holder(lock, i):
    async with lock:
        print("holder", i, "got lock")
        await asyncio.sleep(0.1)
    print("holder", i, "released")

async def other():
    await asyncio.sleep(0.1)
    print("other woke")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(holder(lock, 0), other(), holder(lock, 1))

asyncio.run(main())
