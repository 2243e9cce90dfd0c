# Yanlış çağrılar sessizce geçmez: fazla/eksik argüman ve yanlış anahtar sözcükler CPython'un hatalarını verir.
import asyncio
import math


async def hasta(ad):
    await asyncio.sleep(0.1)
    return ad


def yaz(*a):
    print("yaz", a)


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as tg:
        for yanlış in [
            lambda: math.ceil(1.2, 2),
            lambda: math.sqrt(),
            lambda: math.atan2(1),
            lambda: tg.create_task(hasta("Ali"), isim="x"),
            lambda: loop.call_soon(yaz, 1, kime="Dr"),
            lambda: loop.call_later(0.1),
        ]:
            try:
                yanlış()
            except TypeError as e:
                print("TypeError:", e)
        görev = tg.create_task(hasta("Ayşe"), name="muayene")
        loop.call_soon(yaz, "doğru")
    print(görev.get_name(), görev.result())


asyncio.run(main())
