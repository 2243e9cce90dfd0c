import asyncio


async def slow(name):
    try:
        await asyncio.sleep(1)
        return name
    finally:
        print(f"{name}: finally ran")


async def main():
    print("asyncio.TimeoutError is TimeoutError:", asyncio.TimeoutError is TimeoutError)
    task = asyncio.create_task(slow("task"))
    try:
        await asyncio.wait_for(task, 0.3)
    except TimeoutError as e:
        print("builtin TimeoutError caught:", type(e).__name__, repr(str(e)))
    print("task cancelled:", task.cancelled())
    try:
        await asyncio.wait_for(slow("coro"), timeout=0)
    except TimeoutError:
        print("timeout=0 times out at once")


asyncio.run(main())
