# Unpacking what cannot be iterated: a coroutine whose await was forgotten, a function, None.
import asyncio


async def kontrol(n):
    await asyncio.sleep(0.1)
    return n, n * n


def hiçbir_şey():
    pass


async def main():
    for değer in [len, hiçbir_şey(), 2.5]:
        try:
            a, b = değer
        except TypeError as e:
            print("TypeError:", e)
    a, b = await kontrol(3)
    print(a, b)
    a, b = kontrol(4)


asyncio.run(main())
