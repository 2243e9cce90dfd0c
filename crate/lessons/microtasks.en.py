import asyncio
import time


async def heartbeat(stop):
    longest, last, beats = 0.0, time.monotonic(), 0
    while not stop.is_set():
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        beats += 1
        print(f"tick {beats}")
        await asyncio.sleep(0.2)
    return longest


async def ping(to_pong, from_pong, until):
    exchanges = 0
    while time.monotonic() < until:
        await to_pong.put("ball")
        await from_pong.get()  # wait until pong hits the ball back
        exchanges += 1
    await to_pong.put(None)  # game over
    return exchanges


async def pong(to_ping, from_ping):
    while await from_ping.get() is not None:
        await to_ping.put("ball")


async def main():
    print("Main program starting")
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    await asyncio.sleep(0.5)

    print("Ping-pong starts: 1.0 s")
    to_pong, to_ping = asyncio.Queue(), asyncio.Queue()
    asyncio.create_task(pong(to_ping, to_pong))
    # The tasks wake each other without a pause; still, the loop checks its
    # timers on every round, and heartbeat keeps ticking.
    ping_task = asyncio.create_task(ping(to_pong, to_ping, time.monotonic() + 1.0))
    exchanges = await ping_task
    print(f"Ping-pong done: {exchanges} exchanges")

    await asyncio.sleep(0.5)
    stop.set()
    longest = await beat
    print(f"longest gap between heartbeats: {longest:.2f} s")
    print("Main program done")


asyncio.run(main())
