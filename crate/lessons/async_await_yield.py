import asyncio

# Kaynakta yok: main beklerken döngü başka bir görevi çalıştırır.
async def background():
    for step in range(1, 4):
        print(f"Arka plan işi: adım {step}")
        await asyncio.sleep(0.5)

async def main():
    task = asyncio.create_task(background())
    print("main bekliyor (await)")
    await asyncio.sleep(3)  # main döngüyü bırakır; bu sırada background çalışır
    print("main uyandı")
    await task

asyncio.run(main())
