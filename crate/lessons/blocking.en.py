import asyncio
import time


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(seconds):
    """CPU-bound work: counts primes for `seconds`, never awaits."""
    deadline = time.monotonic() + seconds
    below, found = 2, 0
    while time.monotonic() < deadline:
        if is_prime(below):
            found += 1
        below += 1
    return below, found


async def heartbeat(stop):
    longest, last, beats = 0.0, time.monotonic(), 0
    while not stop.is_set():
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        beats += 1
        print(f"tick {beats}")
        await asyncio.sleep(0.2)
    return longest


async def main():
    print("Main program starting")
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    await asyncio.sleep(0.5)

    print("Counting primes for 1.0 s")
    # A blocking call: the event loop stops until the work is done, and heartbeat with it.
    below, found = count_primes(1.0)
    print(f"Found {found} primes below {below}")

    await asyncio.sleep(0.5)
    stop.set()
    longest = await beat
    print(f"longest gap between heartbeats: {longest:.2f} s")
    print("Main program done")


asyncio.run(main())
