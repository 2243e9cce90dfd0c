# A task's error that nobody awaited is logged with the exception's own __str__, and, as in
# Python 3.11's logging of it, with no "Did you mean" (only an uncaught error gets one).
import asyncio
import traceback


class RandevuHatası(Exception):
    def __init__(self, hasta):
        super().__init__(hasta)
        self.hasta = hasta

    def __str__(self):
        return f"{self.hasta} için randevu yok"


async def randevu(hasta):
    await asyncio.sleep(0.1)
    raise RandevuHatası(hasta)


async def doktor():
    await asyncio.slep(0.1)


async def main():
    asyncio.create_task(randevu("Ayşe"))
    asyncio.create_task(doktor())
    await asyncio.sleep(0.3)
    try:
        sonuç = hasta_sayisi + 1
    except NameError:
        traceback.print_exc()
    print("bekleme odası:", len(asyncio.all_tasks()))
    print(sonuc)


asyncio.run(main())
