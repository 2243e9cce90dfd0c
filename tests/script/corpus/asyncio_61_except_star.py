# except* (Python 3.11): each handler takes the exceptions of a group that match its types.
# A TaskGroup whose children fail raises a group; what no handler took goes on as a group.
import asyncio


async def indir(dosya, sure, hata=None):
    await asyncio.sleep(sure)
    if hata:
        raise hata
    print(dosya, "indirildi")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(indir("a.txt", 0.1))
            tg.create_task(indir("b.txt", 0.2, ValueError("bozuk dosya")))
            tg.create_task(indir("c.txt", 0.3))
    except* ValueError as eg:
        print("ValueError:", eg.exceptions, eg.message)
    except* ConnectionError as eg:
        print("bağlantı hatası:", eg.exceptions)

    try:
        raise TimeoutError("tek başına")
    except* TimeoutError as eg:
        print("tek:", repr(eg))

    try:
        try:
            raise ExceptionGroup("iki hata", [ValueError(1), KeyError(2)])
        except* ValueError:
            print("ValueError işlendi")
    except ExceptionGroup as kalan:
        print("kalan:", repr(kalan), kalan.exceptions)


asyncio.run(main())
raise ExceptionGroup("dış", [ValueError("x"), OSError("y")])
