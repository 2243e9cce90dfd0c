# The details of async generators and the contextlib decorators that learners meet when
# they print things or make a mistake: athrow's arguments, aiter's check, the types of the
# awaitables an async generator gives, and a decorated function's name.
import asyncio
from contextlib import asynccontextmanager, contextmanager


async def sayac():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("sayaç yakaladı:", repr(e))
        yield 99
    finally:
        print("sayaç bitti")


class YanlisAkis:
    def __aiter__(self):
        return [1, 2, 3]


@asynccontextmanager
async def baglan(adres):
    """Bağlantı açar ve kapatır."""
    print("bağlanıyor", adres)
    yield adres.upper()
    print("kapandı", adres)


@asynccontextmanager
def unutulan_async(adres):
    yield adres


async def main():
    g = sayac()
    print(await g.asend(None))
    try:
        await g.athrow("metin")
    except TypeError as e:
        print("TypeError:", e)
    print(await anext(g, "bitti"))
    print(await g.athrow(ValueError, "kötü değer"))
    await g.aclose()

    h = sayac()
    print(type(h.__anext__()).__name__, type(h.athrow(ValueError)).__name__, type(h.aclose()).__name__)
    print(type(anext(h, None)).__name__)

    try:
        aiter(YanlisAkis())
    except TypeError as e:
        print("TypeError:", e)

    print(baglan.__name__, baglan.__doc__, type(baglan).__name__)
    async with baglan("db") as b:
        print("içeride", b)
    cm = unutulan_async("x")
    print("yapıldı", type(cm).__name__)
    try:
        async with cm as v:
            print(v)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
