import asyncio
import time


async def ticker():
    for i in range(4):
        print(f"tick {i}")
        await asyncio.sleep(0.2)


async def blocker():
    await asyncio.sleep(0.3)
    print("blocker: time.sleep(1) blocks the whole loop")
    time.sleep(1)
    print("blocker: done blocking")


async def main():
    start = time.perf_counter()
    await asyncio.gather(ticker(), blocker())
    print(f"total: about {time.perf_counter() - start:.0f} s")


asyncio.run(main())
