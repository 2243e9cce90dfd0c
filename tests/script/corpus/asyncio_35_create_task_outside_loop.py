import asyncio

async def job():
    print("job")

task = asyncio.create_task(job())
