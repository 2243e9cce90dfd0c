import asyncio


async def ok(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} finished after {delay} s")
    return name


async def fail(msg, delay):
    await asyncio.sleep(delay)
    print(f"raising {msg}")
    raise ValueError(msg)


async def main():
    try:
        await asyncio.gather(ok("A", 0.2), fail("first", 0.3), ok("B", 0.6), fail("second", 0.4))
    except ValueError as e:
        print("main caught:", e)
    print("main: the other awaitables keep running")
    await asyncio.sleep(0.5)
    print("main done")


asyncio.run(main())
