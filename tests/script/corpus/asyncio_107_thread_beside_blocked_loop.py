# A thread goes on while a task blocks the loop with time.sleep; the loop's own tasks wait.
import asyncio
import time


def worker(name, n):
    for i in range(n):
        time.sleep(0.1)
        print(f"{name}: step {i}")
    return name


async def heartbeat():
    for i in range(3):
        print("heartbeat", i)
        await asyncio.sleep(0.1)


async def main():
    thread = asyncio.create_task(asyncio.to_thread(worker, "thread", 4))
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    print("main blocks the loop")
    time.sleep(0.25)
    print("main is free")
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, worker, "executor", 1)
    time.sleep(0.2)
    print("blocked again")
    print(await asyncio.gather(thread, fut, beat))


asyncio.run(main())
