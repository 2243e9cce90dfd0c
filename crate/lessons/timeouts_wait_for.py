import asyncio

# Kaynakta yok: wait_for tek başına (kaynak onu websocket döngüsünün içinde kullanır).
async def operation(seconds):
    print(f"İşlem başladı, {seconds} saniye sürecek")
    await asyncio.sleep(seconds)
    print("İşlem tamamlandı")
    return f"{seconds} saniyelik işlemin sonucu"

async def main():
    for seconds in (3, 0.5):
        try:
            result = await asyncio.wait_for(operation(seconds), timeout=1)
            print(result)
        except asyncio.TimeoutError:
            print("Zaman aşımı: işlem 1 saniyede bitmedi ve iptal edildi")

asyncio.run(main())
