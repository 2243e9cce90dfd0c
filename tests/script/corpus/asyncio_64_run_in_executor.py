# loop.run_in_executor(None, f, *args) runs a blocking function in a thread of the loop's
# default executor and gives a future at once: unlike to_thread's coroutine, the work starts
# at the call, before anything awaits it. The loop runs on meanwhile: the heartbeat ticks.
import asyncio
import time


def engelleyici(ad, sure):
    time.sleep(sure)
    print(f"{ad}: iş parçacığında bitti")
    return sure * 10


async def kalp_atisi():
    for i in range(4):
        print("tık", i)
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, engelleyici, "A", 0.25)
    print("main: future alındı", fut.done())
    await asyncio.sleep(0.05)
    sonuc = await asyncio.gather(fut, kalp_atisi())
    print("main:", sonuc)


asyncio.run(main())
