# A timer that comes due while a task computes (a step of CPU work, then sleep(0)) fires when
# that step has ended: the task it wakes runs in the round after, behind the computing task's
# next step, as in CPython.
import asyncio
import time


async def heartbeat():
    await asyncio.sleep(0.05)
    print("tick")


async def main():
    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    for i in range(4):
        end = time.monotonic() + 0.1
        while time.monotonic() < end:
            pass
        print(f"chunk {i}")
        await asyncio.sleep(0)
    await beat


asyncio.run(main())
