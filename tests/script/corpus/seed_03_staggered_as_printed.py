import asyncio

async def connect():
	pass

async def wrapper(delay, coro):
    await asyncio.sleep(delay)
    return await coro

async def multiconnect():
    for i in range(5):
        asyncio.create_task(wrapper(0.4 * i , connect()))

asyncio.get_event_loop().run_until_complete(multiconnect)
