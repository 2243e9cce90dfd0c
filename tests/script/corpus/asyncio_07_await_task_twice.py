import asyncio


async def work():
    print("work: running (only once)")
    await asyncio.sleep(0.2)
    return 42


async def main():
    task = asyncio.create_task(work())
    first = await task
    print("first await:", first)
    second = await task
    print("second await:", second, "done:", task.done(), "result():", task.result())
    coro = work()
    print("coroutine result:", await coro)
    try:
        await coro
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
