# StopIteration must not leave a coroutine or an async generator (PEP 479): it becomes a
# RuntimeError raised from it.
import asyncio


async def first(items):
    it = iter(items)
    return next(it)


async def numbers():
    yield 1
    raise StopAsyncIteration


async def main():
    print(await first([7, 8]))
    task = asyncio.create_task(first([]))
    try:
        await task
    except Exception as e:
        print(type(e).__name__, e, "| cause:", repr(e.__cause__))
    try:
        async for n in numbers():
            print("number", n)
    except RuntimeError as e:
        print(e)
    try:
        await first(())
    except StopIteration:
        print("never")
    finally:
        print("finally")


asyncio.run(main())
