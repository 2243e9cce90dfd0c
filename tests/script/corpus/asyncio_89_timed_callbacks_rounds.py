# Callbacks on the loop's timer (call_later, call_at) run in the round their time comes,
# with the other timers due then, by deadline, after the steps already ready; a cancelled
# handle never runs, even when it was due in the same round as the callback cancelling it.
# A sleep's timer only schedules its task's next step: what a callback due with it wakes
# takes its turn by the timers' deadlines, even when the loop was held past both.
import asyncio
import time

log = []


def note(what):
    print(what)
    log.append(what)


async def ticker(name, n):
    for i in range(n):
        note(f"{name} {i}")
        await asyncio.sleep(0)


async def sleeper(name, seconds):
    await asyncio.sleep(seconds)
    note(f"{name} woke")


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(ticker("tick", 6))
    await asyncio.sleep(0)
    loop.call_later(0, note, "call_later 0")
    loop.call_soon(note, "call_soon")
    loop.call_later(-1, note, "call_later -1")
    loop.call_at(loop.time(), note, "call_at now")
    await t

    # A handle cancelled by a callback due in the same round never runs.
    later = None
    def cancel_later():
        note("first cancels the second")
        later.cancel()
    loop.call_later(0.1, cancel_later)
    later = loop.call_later(0.1, note, "second (cancelled)")
    s = asyncio.create_task(sleeper("sleeper", 0.1))
    await asyncio.sleep(0.2)

    # A task a callback creates takes its first step in the next round.
    def start():
        note("callback creates a task")
        asyncio.create_task(ticker("child", 2))
    t = asyncio.create_task(ticker("tock", 4))
    loop.call_later(0, start)
    await t
    await asyncio.sleep(0)

    # Same deadline: a sleep armed first wakes its task in the round after the callback.
    a = asyncio.create_task(sleeper("first sleeper", 0.3))
    await asyncio.sleep(0)
    loop.call_later(0.3, note, "callback at 0.3")
    await a

    # A callback armed before a sleep due at the same time: what it wakes goes first.
    async def waiter(fut, name):
        note(f"{name} got {await fut}")
    fut = loop.create_future()
    w = asyncio.create_task(waiter(fut, "waiter"))
    await asyncio.sleep(0)
    loop.call_later(0.1, fut.set_result, 1)
    s = asyncio.create_task(sleeper("second sleeper", 0.1))
    await w
    await s

    # The loop held past a sleep's time and a callback's later one: the sleep goes first.
    fut = loop.create_future()
    w = asyncio.create_task(waiter(fut, "held waiter"))
    s = asyncio.create_task(sleeper("held sleeper", 0.1))
    await asyncio.sleep(0)
    loop.call_later(0.15, fut.set_result, 2)
    time.sleep(0.2)
    await asyncio.sleep(0)
    note("main after holding the loop")
    await w
    await s

    h = loop.call_later(0.5, note, "never: cancelled before its time")
    h.cancel()
    print(h.cancelled())
    loop.call_later(5, note, "never: the loop closes first")


asyncio.run(main())
print("after run:", log[-1])
