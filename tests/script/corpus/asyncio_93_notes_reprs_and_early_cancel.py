# Exception notes (Python 3.11's add_note) printed under the traceback's last line;
# __suppress_context__; the reprs of a Condition and a Timeout in each state; a task cancelled
# before it ever ran fails at its coroutine's def line.
import asyncio


def show(o):
    """Its repr without its address (CPython's shows one; Loopscope's none)."""
    r = repr(o)
    at = r.find(" at 0x")
    print(r if at < 0 else r[:at] + r[r.index(" ", at + 4):])


async def waiter(cond):
    async with cond:
        await cond.wait()


async def quick():
    return 7


async def fetch(url):
    try:
        raise ConnectionError(f"cannot reach {url}")
    except ConnectionError as e:
        e.add_note(f"while fetching {url}")
        e.add_note("retry later")
        raise


async def main():
    print(ValueError("x").__suppress_context__)
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise KeyError("k") from None
    except KeyError as k:
        print(k.__suppress_context__, hasattr(k, "__notes__"))
    try:
        ValueError("x").add_note(5)
    except TypeError as t:
        print(t)
    try:
        await fetch("a.example")
    except ConnectionError as c:
        print(c.__notes__)

    cond = asyncio.Condition()
    show(cond)
    async with cond:
        show(cond)
    waiters = [asyncio.create_task(waiter(cond)) for _ in range(2)]
    await asyncio.sleep(0)
    show(cond)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*waiters)
    show(cond)

    late = asyncio.timeout(5)
    print(late)
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print(cm)
    async with asyncio.timeout(None) as cm:
        print(cm)
    print(cm)

    t = asyncio.create_task(quick())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before it ran:", t.cancelled())
    try:
        await asyncio.wait_for(quick(), 0)
    except TimeoutError:
        print("wait_for(…, 0) timed out")
    try:
        await fetch("b.example")
    finally:
        u = asyncio.create_task(quick())
        u.cancel()
        await u


asyncio.run(main())
