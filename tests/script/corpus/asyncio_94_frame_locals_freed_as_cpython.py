# When a frame ends, its locals that no nested function reads are freed at once, first, in
# their order (CPython's plain locals), also while a function defined there lives on (kept in a
# list, a callback, a task still running); the locals such functions read (CPython's cells) go
# when those functions do. Each freed task whose exception nobody retrieved is reported then.
import asyncio

keep = []


async def boom(n):
    raise ValueError(n)


async def coro():
    return 1


async def kept_helper():
    t = asyncio.create_task(boom("kept helper"))

    def helper():
        return 1

    keep.append(helper)
    await asyncio.sleep(0.1)
    print("kept_helper done")


async def slow_inner_task():
    t = asyncio.create_task(boom("slow inner task"))

    async def slow():
        await asyncio.sleep(1)
        print("slow done")

    asyncio.create_task(slow())
    await asyncio.sleep(0.1)
    print("slow_inner_task done")


async def order():
    t1 = asyncio.create_task(boom(1))
    t2 = asyncio.create_task(boom(2))
    ts = [asyncio.create_task(boom(3)), asyncio.create_task(boom(4))]

    def helper():
        return t2

    await asyncio.sleep(0.1)
    print("order done")


async def ok():
    await asyncio.sleep(0.2)


async def with_callback():
    t = asyncio.create_task(boom("callback"))

    def cb(task):
        print("callback ran")

    asyncio.create_task(ok()).add_done_callback(cb)
    await asyncio.sleep(0.1)
    print("with_callback done")


def gen():
    t = asyncio.create_task(boom("generator"))

    def helper():
        return t

    yield 1


async def never_awaited_beside_inner_task():
    c = coro()

    async def slow():
        await asyncio.sleep(0.5)
        print("slow done")

    t = asyncio.create_task(slow())
    await asyncio.sleep(0.1)
    print("never_awaited_beside_inner_task done")
    return t


async def main():
    await kept_helper()
    print("after kept_helper")
    await slow_inner_task()
    print("after slow_inner_task")
    await asyncio.sleep(1)
    await order()
    print("after order")
    await with_callback()
    await asyncio.sleep(0.3)
    for x in gen():
        print("generator gave", x)
    await asyncio.sleep(0.1)
    t = await never_awaited_beside_inner_task()
    print("after never_awaited_beside_inner_task")
    await t
    print("main end")


asyncio.run(main())
print("end")
