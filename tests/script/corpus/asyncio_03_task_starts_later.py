import asyncio


async def child():
    print("child: first line runs only when main suspends")
    await asyncio.sleep(0.1)
    print("child: finished")


async def no_suspend():
    print("main: awaiting a coroutine that never suspends does not let child run")
    return 1


async def main():
    task = asyncio.create_task(child())
    print("main: task created")
    total = sum(range(5))
    print("main: still running, computed", total)
    await no_suspend()
    print("main: about to sleep(0)")
    await asyncio.sleep(0)
    print("main: back after sleep(0)")
    print("task done?", task.done())
    await task
    print("task done?", task.done())


asyncio.run(main())
