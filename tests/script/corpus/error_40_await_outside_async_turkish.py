# Bir öğrencinin hatası: await yalnızca async def içinde kullanılabilir.
import asyncio


async def çay_demle():
    await asyncio.sleep(1)
    return "çay hazır"


def kahvaltı():
    sonuç = await çay_demle()
    print(sonuç)


kahvaltı()
