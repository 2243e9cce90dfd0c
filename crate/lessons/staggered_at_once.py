import asyncio

# Kaynakta yok: aynı bağlantılar wrapper olmadan; döngü onları bekleyecek şekilde düzeltilmiş.
async def connect(i):
    print(f"{i}. bağlantı kuruluyor")
    await asyncio.sleep(0.2)
    print(f"{i}. bağlantı kuruldu")

async def connect_all():
    tasks = [asyncio.create_task(connect(i)) for i in range(5)]
    await asyncio.gather(*tasks)

asyncio.run(connect_all())
