# A failed TaskGroup takes back the cancel it asked of its task; a group's message and notes
# print as CPython prints them.
import asyncio

async def ocak():
    await asyncio.sleep(0.1)
    raise ValueError("ocak arızası\nservis çağrıldı")

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ocak())
            await asyncio.sleep(1)
    except* ValueError as eg:
        print("yakalandı:", len(eg.exceptions))
    print("cancelling:", asyncio.current_task().cancelling())
    hata = KeyError("sipariş")
    hata.add_note("masa 4\nmasa 5")
    hata.__notes__.append(42)
    raise ExceptionGroup("mutfak\nkapandı", [hata])

asyncio.run(main())
