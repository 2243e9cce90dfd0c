import asyncio

async def save():
    print("saving...")
    await asyncio.sleep(0.3)
    print("saved")
    return "ok"

async def main():
    task = asyncio.create_task(save())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.1)
    except asyncio.TimeoutError:
        print("timeout, but save continues")
    print(await task)

asyncio.run(main())
