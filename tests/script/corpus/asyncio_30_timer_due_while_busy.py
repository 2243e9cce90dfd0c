# A timer that comes due while another task keeps the loop busy fires at the loop's next
# round, between that task's chunks, not only once nothing is ready.
import asyncio
import time


async def heartbeat():
    for i in range(4):
        print("tick", i)
        await asyncio.sleep(0.1)


async def work():
    for chunk in range(6):
        time.sleep(0.05)  # blocks the loop for 50 ms
        print("chunk", chunk)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(heartbeat(), work())


asyncio.run(main())
