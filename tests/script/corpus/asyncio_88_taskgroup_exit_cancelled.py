import asyncio

# A TaskGroup's exit, as CPython's: a cancel of the task that waits there aborts the group
# (once) and the wait goes on until the children are done; their errors then win over the
# cancel. A cancel that comes once the group is aborting already is dropped.


async def boom():
    await asyncio.sleep(0.05)
    raise ValueError("boom")


async def child(d, cleanup):
    try:
        await asyncio.sleep(d)
        print("child done")
    except asyncio.CancelledError as e:
        print("child cancelled", e.args)
        await asyncio.sleep(cleanup)
        print("child cleaned up")
        raise


def describe(e):
    return type(e).__name__, getattr(e, "exceptions", e.args)


async def failing_child():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(boom())
    except BaseException as e:
        print("in the task:", *describe(e))
        raise


async def failing_body():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(1, 0.2))
            await asyncio.sleep(0.05)
            raise KeyError("body")
    except BaseException as e:
        print("in the task:", *describe(e))
        raise


async def plain():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(1, 0.1))
    except BaseException as e:
        print("in the task:", *describe(e))
        raise


async def main():
    for body, wait in ((failing_child, 0.05), (failing_body, 0.1), (plain, 0.05)):
        t = asyncio.create_task(body())
        await asyncio.sleep(wait)
        t.cancel("stop")
        try:
            await t
        except BaseException as e:
            print("main:", *describe(e))
        await asyncio.sleep(0.3)


asyncio.run(main())
