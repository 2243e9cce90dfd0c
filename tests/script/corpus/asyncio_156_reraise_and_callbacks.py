# Bir görevin hatası ikinci kez, gather ile yükseltilince o satır da izlemeye girer; kütüphane
# yöntemi olan bir geri çağırmanın hatası sınıfının adıyla günlüğe yazılır.
import asyncio


async def hasta():
    await asyncio.sleep(0.1)
    raise ValueError("tahlil kayıp")


async def main():
    kuyruk = asyncio.Queue(maxsize=1)
    kuyruk.put_nowait("ilk")
    loop = asyncio.get_running_loop()
    loop.call_soon(kuyruk.put_nowait, "ikinci")
    loop.call_soon({}.pop, "yok")
    await asyncio.sleep(0)
    gorev = asyncio.create_task(hasta())
    try:
        await gorev
    except ValueError as e:
        print("yakalandı:", e)
    await asyncio.gather(gorev)


asyncio.run(main())
