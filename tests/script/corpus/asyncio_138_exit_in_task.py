# sys.exit() in a worker task: as in CPython it leaves the event loop, not just the task.
# The main coroutine is cancelled and may clean up; a TaskGroup raises the SystemExit alone.
import asyncio
import sys


async def kapıcı():
    await asyncio.sleep(0.1)
    print("kapıcı: mesai bitti, herkes çıksın")
    sys.exit(3)


async def hasta(ad):
    try:
        await asyncio.sleep(1)
        print(ad, "muayene oldu")
    finally:
        print(ad, "bekleme odasından ayrıldı")


async def grup_içinde():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(kapıcı())
            tg.create_task(hasta("Ali"))
    except SystemExit as e:
        print("grup SystemExit verdi:", e.code)
    except BaseExceptionGroup as eg:
        print("grup bir ExceptionGroup verdi:", eg)


async def main():
    asyncio.create_task(hasta("Veli"))
    try:
        await grup_içinde()
        await asyncio.sleep(5)
        print("buraya gelinmez")
    finally:
        print("main temizlik yaptı")


try:
    asyncio.run(main())
except SystemExit as e:
    print("asyncio.run SystemExit ile bitti:", e.code)
    raise
