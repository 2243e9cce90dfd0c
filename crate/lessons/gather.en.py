import asyncio

async def first_task():
    print("First task is running")
    await asyncio.sleep(1)
    print("First task is done")

async def second_task():
    print("Second task is running")
    await asyncio.sleep(1)
    print("Second task is done")

async def run_tasks():
    tasks = []
    tasks.append(first_task())
    tasks.append(second_task())
    await asyncio.gather(*tasks)

asyncio.get_event_loop().run_until_complete(run_tasks())
