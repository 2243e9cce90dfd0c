# A thread's result reaches its future a loop round after the thread ends: while the loop is
# blocked the future is not done, and timers due meanwhile run first.
import asyncio
import time


def download(n):
    time.sleep(0.1)
    print("downloaded", n)
    return n


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, download, 1)
    loop.call_later(0.2, print, "timer callback")
    time.sleep(0.3)
    print("done right after the block:", fut.done())
    print("future gave", await fut)

    tick = asyncio.create_task(ticker())
    thread = asyncio.create_task(asyncio.to_thread(download, 2))
    await asyncio.sleep(0.05)
    time.sleep(0.2)
    print("main unblocks")
    print("thread gave", await thread)
    await tick

    for bad in ("1", None):
        try:
            time.sleep(bad)
        except TypeError as e:
            print(e)
    try:
        await loop.run_in_executor(None, download, 3, scale=2)
    except TypeError as e:
        print(e)


asyncio.run(main())
