# A thread's sleep ends at its time, while the loop wakes a little after its timers' deadlines:
# a thread started before a ticker's sleep hands its result over before a tick due with it, as
# in the heartbeat beside to_thread of the blocking-code tutorial.
import asyncio, time


async def tick():
    await asyncio.sleep(0.1)
    print("tick")


async def main():
    t = asyncio.create_task(tick())
    await asyncio.to_thread(time.sleep, 0.1)
    print("thread done")
    await t


asyncio.run(main())


async def kalp_atisi():
    for i in range(5):
        print("tık", i)
        await asyncio.sleep(0.5)


def engelleyici():
    time.sleep(2)
    return "iş bitti"


async def main2():
    t = asyncio.create_task(kalp_atisi())
    print(await asyncio.to_thread(engelleyici))
    await t


asyncio.run(main2())
