import asyncio

# Not in the seed: the same connections without wrapper; fixed so that the loop waits for them.
async def connect(i):
    print(f"Connection {i}: connecting")
    await asyncio.sleep(0.2)
    print(f"Connection {i}: connected")

async def connect_all():
    tasks = [asyncio.create_task(connect(i)) for i in range(5)]
    await asyncio.gather(*tasks)

asyncio.run(connect_all())
