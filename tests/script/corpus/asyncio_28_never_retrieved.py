import asyncio


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("nobody awaits me")


async def main():
    asyncio.create_task(fails())  # no reference kept
    print("main: created a task and dropped the reference")
    await asyncio.sleep(0.5)
    print("main: done")


asyncio.run(main())
