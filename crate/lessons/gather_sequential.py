import asyncio

async def first_task():
    print("İlk işlem yapılıyor")
    await asyncio.sleep(1)
    print("İlk işlem tamamlandı")

async def second_task():
    print("İkinci işlem yapılıyor")
    await asyncio.sleep(1)
    print("İkinci işlem tamamlandı")

# Kaynakta yok: aynı iki görev; her biri, sıradaki oluşturulmadan önce await edilir.
async def run_sequentially():
    await asyncio.create_task(first_task())
    await asyncio.create_task(second_task())

asyncio.run(run_sequentially())
