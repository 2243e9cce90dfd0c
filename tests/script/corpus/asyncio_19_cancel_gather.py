import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} done")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def parent():
    try:
        return await asyncio.gather(child("a", 0.2), child("b", 1), child("c", 2))
    except asyncio.CancelledError:
        print("parent: gather was cancelled")
        raise


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(0.5)
    print("main: cancelling parent")
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print("main: parent cancelled:", p.cancelled())


asyncio.run(main())
