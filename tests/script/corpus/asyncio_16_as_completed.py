import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return f"{name} ({delay} s)"


async def main():
    coros = [job("first", 0.4), job("second", 0.1), job("third", 0.25)]
    for i, fut in enumerate(asyncio.as_completed(coros), 1):
        result = await fut
        print(f"#{i}: {result}")
    print("all done")


asyncio.run(main())
