import asyncio


async def worker():
    try:
        print("worker: waiting")
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("worker: caught CancelledError, cleaning up")
        raise
    finally:
        print("worker: finally")


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("stubborn: ignoring the cancellation")
    return "finished anyway"


async def main():
    t = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(0.3)
    print("cancel() returned", t.cancel())
    print("done right after cancel():", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("main: awaiting it raised CancelledError")
    print("cancelled:", t.cancelled(), "done:", t.done())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")
    print("cancel() on a finished task returns", t.cancel())
    t2 = asyncio.create_task(stubborn())
    await asyncio.sleep(0.2)
    t2.cancel()
    print("stubborn result:", await t2, "| cancelled():", t2.cancelled())


asyncio.run(main())
