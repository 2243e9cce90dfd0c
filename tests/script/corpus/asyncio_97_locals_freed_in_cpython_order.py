# The order a frame's locals go in, as CPython frees them: parameters, other locals, then the
# cells (read by a nested function) by name; and a frame an error kept, beside a closure,
# frees its locals when that error goes.
import asyncio


async def fail(n):
    raise ValueError(n)


async def plain_then_cells(first):
    z = asyncio.create_task(fail("z (cell)"))
    p = asyncio.create_task(fail("p (plain)"))
    a = asyncio.create_task(fail("a (cell)"))

    def report():
        return z, a, first

    await asyncio.sleep(0.1)
    print("plain_then_cells done")


async def outer():
    t = asyncio.create_task(fail("inner"))
    cb = lambda: None
    await asyncio.sleep(0)
    raise KeyError("outer")


async def main():
    first = asyncio.create_task(fail("first (argument cell)"))
    await asyncio.sleep(0)
    await plain_then_cells(first)
    del first
    print("after plain_then_cells")
    try:
        await outer()
    except KeyError:
        print("caught")
    print("after")


asyncio.run(main())
print("end")
