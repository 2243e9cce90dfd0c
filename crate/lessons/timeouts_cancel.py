import asyncio

# Not in the seed: a task cancelled from outside.
async def operation(seconds):
    print(f"İşlem başladı, {seconds} saniye sürecek")
    await asyncio.sleep(seconds)
    print("İşlem tamamlandı")
    return f"{seconds} saniyelik işlemin sonucu"

async def main():
    task = asyncio.create_task(operation(3))
    await asyncio.sleep(1)
    print("main: task.cancel()")
    task.cancel()  # CancelledError, task'ın beklediği await'te fırlatılır
    try:
        print(await task)
    except asyncio.CancelledError:
        print("main: task iptal edildi")

asyncio.run(main())
