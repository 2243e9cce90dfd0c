# asyncio.shield gives a future: cancelling it (or the task awaiting it, or a wait_for timing
# out) leaves the shielded task running; it takes the task's result, error or cancel.
import asyncio

async def work(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(name)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "was cancelled")
        raise

async def guarded(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError:
        print("guarded cancelled; inner done?", t.done())
        raise

async def main():
    t = asyncio.create_task(work("a", 0.2))
    g = asyncio.create_task(guarded(t))
    await asyncio.sleep(0.1)
    g.cancel()
    await asyncio.sleep(0)
    print("g cancelled:", g.cancelled())
    print("a result:", await t)

    done = asyncio.create_task(work("b", 0))
    await asyncio.sleep(0.05)
    print("shield of a done task is the task:", asyncio.shield(done) is done)

    f = asyncio.create_task(work("c", 0.1, fail=True))
    outer = asyncio.shield(f)
    outer.cancel()
    await asyncio.sleep(0.2)
    print("outer cancelled:", outer.cancelled(), "inner failed:", f.exception())

    f2 = asyncio.create_task(work("d", 0.1, fail=True))
    try:
        await asyncio.shield(f2)
    except ValueError as e:
        print("shield passed on", repr(e))

    i = asyncio.create_task(work("e", 0.5))
    o = asyncio.shield(i)
    i.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer cancelled with inner:", o.cancelled(), i.cancelled())
    print(type(asyncio.shield(asyncio.sleep(0, "x"))).__name__)
    try:
        await asyncio.wait_for(asyncio.shield(work("f", 0.3)), 0.1)
    except TimeoutError:
        print("timed out")
    await asyncio.sleep(0.3)

asyncio.run(main())
