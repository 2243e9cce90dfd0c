import asyncio

# Not in the seed: a task cancelled from outside.
async def operation(seconds):
    print(f"Operation started, takes {seconds} s")
    await asyncio.sleep(seconds)
    print("Operation done")
    return f"result of the {seconds} second operation"

async def main():
    task = asyncio.create_task(operation(3))
    await asyncio.sleep(1)
    print("main: task.cancel()")
    task.cancel()  # CancelledError is raised at the await the task is waiting on
    try:
        print(await task)
    except asyncio.CancelledError:
        print("main: the task was cancelled")

asyncio.run(main())
