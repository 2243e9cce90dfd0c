import asyncio

# A cancel lands once, where CPython's does. A timeout due already expires by a callback
# called soon, which cancels what the task awaits by then: a gather's child, an awaited task,
# the task wait_for made (so none of them finishes its step). A second cancel of wait_for
# while it waits for its task to finish cancelling ends wait_for at once and leaves the task
# to its cleanup; one just as its task ended gives the task's result. A TaskGroup whose
# child fails cancels each other child once, also while the group's body is in its exit, so
# their cleanup runs to its end.


async def child(n):
    try:
        print("child", n, "starts")
        await asyncio.sleep(0)
        print("child", n, "done")
    except asyncio.CancelledError:
        print("child", n, "cancelled")
        raise


async def slow_to_cancel(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, "cancelled")
        try:
            await asyncio.sleep(0.1)
            print(name, "cleanup done")
        except asyncio.CancelledError:
            print(name, "cleanup cancelled")
        raise


async def boom():
    await asyncio.sleep(0.05)
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.timeout(0):
            await asyncio.gather(child(1))
    except TimeoutError:
        print("timeout 1")
    try:
        async with asyncio.timeout(0):
            await asyncio.create_task(child(2))
    except TimeoutError:
        print("timeout 2")
    try:
        async with asyncio.timeout(1) as cm:
            cm.reschedule(0)
            await asyncio.wait_for(child(3), 1)
    except TimeoutError:
        print("timeout 3")

    t = asyncio.create_task(asyncio.wait_for(slow_to_cancel("wait_for's task"), 5))
    await asyncio.sleep(0.05)
    t.cancel()
    await asyncio.sleep(0.05)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("wait_for cancelled")
    await asyncio.sleep(0.1)

    # Cancelled just as its task has ended (done, its end not told yet), wait_for gives the
    # task's result.
    async def quick():
        return "quick's result"

    async def runs_wait_for(task):
        return await asyncio.wait_for(task, 5)

    inner = asyncio.create_task(quick())
    w = asyncio.create_task(runs_wait_for(inner))
    await asyncio.sleep(0)
    w.cancel()
    print(await w)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow_to_cancel("a plain child"))
            tg.create_task(asyncio.wait_for(slow_to_cancel("a child in wait_for"), 5))
            tg.create_task(boom())
            await asyncio.sleep(1)
    except* ValueError:
        print("ValueError group")


asyncio.run(main())
