# Two timers due at 0.3 s: one armed at the start (sleep(0.3)), one armed at 0.1 s
# (sleep(0.1), then sleep(0.2)). The loop wakes a little after 0.1 s, so the second one is
# due a little later than the first: the task armed first for 0.3 s prints first.
import asyncio


async def patient(name, delays):
    for delay in delays:
        await asyncio.sleep(delay)
    print(name, "done")


async def main():
    await asyncio.gather(
        patient("two naps (created first)", [0.1, 0.2]),
        patient("one nap (created second)", [0.3]),
        patient("three naps (created third)", [0.1, 0.1, 0.1]),
    )


asyncio.run(main())
