import asyncio
async def inner():
    await asyncio.sleep(1)
async def outer():
    await asyncio.create_task(inner())
async def main():
    t = asyncio.create_task(outer())
    await asyncio.sleep(0.1)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print("args:", e.args)
    t2 = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t2.cancel("first")
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError as e:
        print("args2:", e.args)
asyncio.run(main())
