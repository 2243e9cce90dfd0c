import asyncio

# Kaynakta yok: dışarıdan iptal edilen bir görev.
async def operation(seconds):
    print(f"İşlem başladı, {seconds} saniye sürecek")
    await asyncio.sleep(seconds)
    print("İşlem tamamlandı")
    return f"{seconds} saniyelik işlemin sonucu"

async def main():
    task = asyncio.create_task(operation(3))
    await asyncio.sleep(1)
    print("main: task.cancel()")
    task.cancel()  # CancelledError, görevin beklediği await'te fırlatılır
    try:
        print(await task)
    except asyncio.CancelledError:
        print("main: görev iptal edildi")

asyncio.run(main())
