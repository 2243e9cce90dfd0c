# Kendi hata işleyicimiz de hata verirse: döngü onu kaydeder ve devam eder.
import asyncio


def işleyici(loop, bağlam):
    print("işleyici çağrıldı:", bağlam["message"])
    raise KeyError("işleyicide hata")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(işleyici)
    loop.call_exception_handler({"message": "deneme"})
    print("devam")
    loop.call_soon(lambda: 1 / 0)
    await asyncio.sleep(0.1)
    print("bitti")


asyncio.run(main())
