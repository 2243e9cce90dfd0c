# A condition written without its `if` (`sayi > 3:`): CPython's plain "invalid syntax" at the
# colon, not a complaint about an annotation the learner never meant
import asyncio


async def kontrol(sayi):
    await asyncio.sleep(0.1)
    sayi > 3:
        print("büyük")


asyncio.run(kontrol(5))
