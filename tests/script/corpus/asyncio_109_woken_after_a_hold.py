# After a task blocks the loop, what it wakes runs before a timer that came due meanwhile,
# even while a thread took its turns during the block.
import asyncio
import time


def worker():
    for i in range(3):
        time.sleep(0.05)
        print("thread", i)


async def beat():
    await asyncio.sleep(0.1)
    print("beat")


async def waiter(ev):
    await ev.wait()
    print("waiter")


async def main():
    ev = asyncio.Event()
    thread = asyncio.create_task(asyncio.to_thread(worker))
    tasks = [asyncio.create_task(beat()), asyncio.create_task(waiter(ev))]
    await asyncio.sleep(0)
    time.sleep(0.3)
    ev.set()
    asyncio.get_running_loop().call_soon(print, "soon")
    await asyncio.sleep(0)
    print("main after")
    await asyncio.gather(thread, *tasks)


asyncio.run(main())
