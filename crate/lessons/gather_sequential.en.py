import asyncio

async def first_task():
    print("First task is running")
    await asyncio.sleep(1)
    print("First task is done")

async def second_task():
    print("Second task is running")
    await asyncio.sleep(1)
    print("Second task is done")

# Not in the seed: the same two tasks; each is awaited before the next one is created.
async def run_sequentially():
    await asyncio.create_task(first_task())
    await asyncio.create_task(second_task())

asyncio.run(run_sequentially())
