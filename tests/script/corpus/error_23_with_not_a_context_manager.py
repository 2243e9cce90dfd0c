# `with` on an object that is not a context manager (here an asyncio.Lock, which needs
# `async with`) is a TypeError, as in CPython 3.11.
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    with lock:
        print("never")


asyncio.run(main())
