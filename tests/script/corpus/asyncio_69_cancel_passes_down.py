# A cancel passes down a chain of tasks awaiting tasks at once, as CPython's Task.cancel
# cancels the task it waits on: the innermost runs its handlers first, before the tasks
# already ready. A task that ignores its cancel gives its result to the one awaiting it;
# a gather's children are cancelled at once too, while wait_for wakes its caller first.
import asyncio


async def leaf(name, ignore=False):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled")
        if ignore:
            return f"{name} ignored it"
        raise
    finally:
        print(name, "finally")


async def middle(t):
    try:
        return await t
    finally:
        print("middle finally")


async def tick(label):
    print("tick", label)


async def main():
    # A chain: main cancels top, which awaits mid, which awaits a leaf task.
    a = asyncio.create_task(leaf("a"))
    mid = asyncio.create_task(middle(a))
    top = asyncio.create_task(middle(mid))
    await asyncio.sleep(0.1)
    print("cancel:", top.cancel("stop"))
    print("cancelling:", top.cancelling(), mid.cancelling(), a.cancelling())
    asyncio.create_task(tick(1))
    await asyncio.sleep(0)
    print("main 1")
    await asyncio.sleep(0.1)
    for t in (a, mid, top):
        print(t.cancelled(), end=";")
    print()
    try:
        top.result()
    except asyncio.CancelledError as e:
        print("top:", repr(e))

    # The leaf ignores its cancel: the task awaiting it gets its result.
    b = asyncio.create_task(leaf("b", ignore=True))
    waiter = asyncio.create_task(middle(b))
    await asyncio.sleep(0.1)
    waiter.cancel()
    asyncio.create_task(tick(2))
    await asyncio.sleep(0.1)
    print("waiter:", waiter.cancelled(), waiter.result())

    # A task awaiting a gather.
    g1 = asyncio.create_task(leaf("g1"))
    g2 = asyncio.create_task(leaf("g2"))

    async def gatherer():
        try:
            await asyncio.gather(g1, g2)
        finally:
            print("gatherer finally")

    gt = asyncio.create_task(gatherer())
    await asyncio.sleep(0.1)
    gt.cancel()
    asyncio.create_task(tick(3))
    await asyncio.sleep(0)
    print("main 3")
    await asyncio.sleep(0.1)
    print(gt.cancelled(), g1.cancelled(), g2.cancelled())

    # wait_for: the outer task is woken first, then it cancels the inner one.
    async def outer():
        try:
            await asyncio.wait_for(leaf("w"), 5)
        finally:
            print("outer finally")

    o = asyncio.create_task(outer())
    await asyncio.sleep(0.1)
    o.cancel()
    asyncio.create_task(tick(4))
    await asyncio.sleep(0)
    print("main 4")
    await asyncio.sleep(0.1)
    print(o.cancelled())

    # Cancelled twice while waiting on a task.
    c = asyncio.create_task(leaf("c"))
    d = asyncio.create_task(middle(c))
    await asyncio.sleep(0.1)
    print(d.cancel("one"), d.cancel("two"), d.cancelling(), c.cancelling())
    await asyncio.sleep(0.1)
    try:
        d.result()
    except asyncio.CancelledError as e:
        print("d:", repr(e))

    # A future awaited by a task is cancelled with it at once: setting its result then is
    # an error, and a second task awaiting the same future is cancelled too.
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(middle(f))
    await asyncio.sleep(0)
    t.cancel("bye")
    print("future cancelled at once:", f.cancelled())
    try:
        f.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    g = loop.create_future()
    x = asyncio.create_task(middle(g))
    y = asyncio.create_task(middle(g))
    await asyncio.sleep(0)
    x.cancel()
    await asyncio.sleep(0)
    print(t.cancelled(), x.cancelled(), y.cancelled(), g.cancelled())


asyncio.run(main())
