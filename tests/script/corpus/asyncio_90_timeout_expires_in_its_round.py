# An asyncio.timeout whose time comes while its task waits expires in that loop round, as a
# timer's callback, after the steps already ready: a task that starts at the same moment
# ticks once before the block's TimeoutError is caught; the same for a wait on a task, and
# for a timeout moved later with reschedule(), even by a callback due when it was.
import asyncio


async def ticker(name):
    for i in range(4):
        print(name, "tick", i)
        await asyncio.sleep(0)


async def slow(n):
    print("slow", n, "starts")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slow", n, "cancelled")
        raise


async def start_ticker(name, delay):
    await asyncio.sleep(delay)
    return asyncio.create_task(ticker(name))


async def main():
    starter = asyncio.create_task(start_ticker("a", 0.05))
    try:
        async with asyncio.timeout(0.05):
            await asyncio.gather(slow(1), slow(2))
    except TimeoutError:
        print("gather timed out")
    await (await starter)

    starter = asyncio.create_task(start_ticker("b", 0.05))
    try:
        async with asyncio.timeout(0.05):
            await asyncio.create_task(slow(3))
    except TimeoutError:
        print("task timed out")
    await (await starter)

    starter = asyncio.create_task(start_ticker("c", 0.1))
    try:
        async with asyncio.timeout(0.05) as cm:
            cm.reschedule(asyncio.get_running_loop().time() + 0.1)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled timeout expired")
    await (await starter)

    # A callback due at the same moment, armed first, moves the deadline: the expiry that was
    # due then never lands, as CPython's cancelled handle.
    loop = asyncio.get_running_loop()
    start, when = loop.time(), loop.time() + 0.1
    loop.call_at(when, lambda: (print("moving it"), cm.reschedule(when + 0.2)))
    try:
        async with asyncio.timeout_at(when) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("expired after", round(loop.time() - start, 2))


asyncio.run(main())
