import asyncio

async def connect(i):
    print(f"Connection {i}: connecting")
    await asyncio.sleep(1)
    print(f"Connection {i}: connected")

async def wrapper(delay, coro):
    await asyncio.sleep(delay)
    return await coro

async def multiconnect():
    tasks = []
    for i in range(5):
        tasks.append(asyncio.create_task(wrapper(0.4 * i , connect(i))))
    await asyncio.gather(*tasks)

asyncio.get_event_loop().run_until_complete(multiconnect())
