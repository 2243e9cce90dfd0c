# An exception keeps the frames it left, and their locals, as CPython's traceback does: a
# coroutine never awaited in a frame an error left is warned about when the error goes (after
# the handler that caught it, or at exit as sys:1, after the traceback: the commonest mistake,
# a missing await, then using the coroutine as its result); so is one a built-in refused; a
# task's error kept by a frame that holds the task keeps the frame's other tasks until exit.
import asyncio


async def compute(x):
    await asyncio.sleep(0.1)
    return x


async def inner():
    return 1


def helper():
    c = compute(1)
    raise TypeError("helper failed")


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("x")


async def main():
    try:
        helper()
    except TypeError as e:
        print("caught:", e)
    print("after the handler")
    try:
        asyncio.run(inner())
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await asyncio.wait([asyncio.sleep(0.1)])
    except TypeError as e:
        print("TypeError:", e)
    t1 = asyncio.create_task(fail())
    t2 = asyncio.create_task(fail())
    try:
        await t1
    except ValueError:
        print("t1 handled")
    await asyncio.sleep(0.1)
    result = compute(3)
    print(result + 1)


asyncio.run(main())
