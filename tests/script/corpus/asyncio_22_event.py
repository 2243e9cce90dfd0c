import asyncio


async def waiter(name, event):
    print(f"{name} waits for the event")
    await event.wait()
    print(f"{name} saw the event")


async def main():
    event = asyncio.Event()
    print("is_set:", event.is_set())
    tasks = [asyncio.create_task(waiter(n, event)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0.4)
    print("main: setting the event")
    event.set()
    print("main: set() returned, waiters not yet resumed")
    await asyncio.gather(*tasks)
    print("is_set:", event.is_set())
    await waiter("late", event)
    event.clear()
    print("cleared, is_set:", event.is_set())
    try:
        await asyncio.wait_for(event.wait(), 0.2)
    except asyncio.TimeoutError:
        print("nobody set it again")


asyncio.run(main())
