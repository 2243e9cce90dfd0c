# A thread that computes goes on while the loop is blocked, and finishes first.
import asyncio
import time


def count(n):
    total = 0
    for i in range(n):
        total += i
    print("counted", total)
    return total


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.1)


async def main():
    task = asyncio.create_task(asyncio.to_thread(count, 10_000))
    await asyncio.sleep(0)
    time.sleep(0.2)
    print("slept")
    print(await asyncio.gather(task, ticker()))


asyncio.run(main())
