import asyncio

async def first_task():
    print("İlk işlem yapılıyor")
    await asyncio.sleep(1)
    print("İlk işlem tamamlandı")

async def second_task():
    print("İkinci işlem yapılıyor")
    await asyncio.sleep(1)
    print("İkinci işlem tamamlandı")

async def run_tasks():
    tasks = []
    tasks.append(first_task())
    tasks.append(second_task())
    await asyncio.gather(*tasks)

asyncio.get_event_loop().run_until_complete(run_tasks())
