import asyncio

async def job():
    await asyncio.sleep(0.2)
    print("job done")

async def starter(tg):
    await asyncio.sleep(0.05)
    tg.create_task(job())  # created after the block's body ended: still waited for

async def cleanup():
    try:
        await asyncio.sleep(1)
    finally:
        raise ValueError("cleanup")

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(starter(tg))
    print("after block")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(cleanup())
            await asyncio.sleep(0.1)
            raise KeyError("body")
    except ExceptionGroup as eg:
        print("errors, the body's last:", eg.exceptions)

asyncio.run(main())
