# An Event's repr counts the waiters set() woke until each has run, as asyncio keeps their
# futures among its waiters until then (a waiter cancelled before the set() too).
import asyncio


def show(o):
    r = repr(o)
    at = r.find(" at 0x")
    print(r if at < 0 else r[:at] + r[r.index(" ", at + 4):])


async def main():
    ev = asyncio.Event()
    waiters = [asyncio.create_task(ev.wait()) for _ in range(3)]
    await asyncio.sleep(0)
    show(ev)
    waiters[2].cancel()
    ev.set()
    show(ev)
    await asyncio.sleep(0)
    show(ev)
    ev.clear()
    late = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    show(ev)
    late.cancel()
    await asyncio.sleep(0)
    show(ev)
    print([w.cancelled() for w in waiters])


asyncio.run(main())
