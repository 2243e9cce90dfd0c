import asyncio
import time
from collections import deque

# The browser's microtask queue: a checkpoint runs until the queue is
# empty, including what was added to it meanwhile. Neither timers nor
# drawing run in between.
microtasks = deque()


def run_microtask_checkpoint():
    while microtasks:
        microtasks.popleft()()


async def heartbeat(stop):
    longest, last, beats = 0.0, time.monotonic(), 0
    while not stop.is_set():
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        beats += 1
        print(f"tick {beats}")
        await asyncio.sleep(0.2)
    return longest


def ping(rally):
    microtasks.append(lambda: pong(rally))


def pong(rally):
    rally["exchanges"] += 1
    if time.monotonic() < rally["until"]:  # a deadline, to be safe
        microtasks.append(lambda: ping(rally))


async def main():
    print("Main program starting")
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    await asyncio.sleep(0.5)

    print("Ping-pong starts: 1.0 s")
    rally = {"exchanges": 0, "until": time.monotonic() + 1.0}
    microtasks.append(lambda: ping(rally))
    run_microtask_checkpoint()  # the loop is stuck here until the chain ends
    print(f"Ping-pong done: {rally['exchanges']} exchanges")

    await asyncio.sleep(0.5)
    stop.set()
    longest = await beat
    print(f"longest gap between heartbeats: {longest:.2f} s")
    print("Main program done")


asyncio.run(main())
