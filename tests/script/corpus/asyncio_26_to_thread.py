import asyncio
import time


def blocking(seconds):
    time.sleep(seconds)
    print(f"thread: slept {seconds} s")
    return seconds * 10


async def job():
    print("job: handing the blocking call to a thread")
    result = await asyncio.to_thread(blocking, 1.1)
    print("job: got", result)


async def ticker():
    for i in range(5):
        print(f"tick {i}")
        await asyncio.sleep(0.25)


async def main():
    await asyncio.gather(job(), ticker())
    print("both finished")


asyncio.run(main())
