# A coroutine made inside a function and never awaited: CPython warns when the function's
# locals go, at the caller's line, since the function's own frame is gone by then.
import asyncio


async def tuketici(kuyruk):
    oge = kuyruk.get()
    print("alındı:", type(oge).__name__)


async def main():
    kuyruk = asyncio.Queue()
    await kuyruk.put("x")
    await tuketici(kuyruk)
    print("hâlâ kuyrukta:", kuyruk.qsize())


asyncio.run(main())
