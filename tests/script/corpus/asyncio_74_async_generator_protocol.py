# Async generators: __anext__, anext (with a default), asend, athrow, aclose and aiter; one left
# early by an async for (break, return) is closed by a task that a callback creates soon
# after, as CPython's loop does: its finally runs, and may await.
import asyncio


async def ticks(name):
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print(name, "closed")
        await asyncio.sleep(0.1)
        print(name, "cleanup done")


async def echo():
    got = None
    while True:
        try:
            got = yield f"echo {got}"
        except ValueError as e:
            got = f"caught {e}"


async def other():
    for i in range(3):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    asyncio.create_task(other())
    async for i in ticks("a"):
        if i == 1:
            break
    print("after break")
    await asyncio.sleep(0)
    print("after sleep 0")
    g = ticks("b")
    print(await g.__anext__(), await anext(g))
    await g.aclose()
    print("closed b explicitly")
    await g.aclose()
    try:
        await anext(g)
    except StopAsyncIteration:
        print("b is done")
    print(await anext(g, "default"))
    e = echo()
    print(await e.asend(None), await e.asend(1), await e.athrow(ValueError("x")), await e.__anext__())
    await e.aclose()
    print(aiter(e) is e)

    async def first_match():
        async for i in ticks("c"):
            if i == 2:
                return i

    print("first match", await first_match())
    await asyncio.sleep(0.3)
    print("end of main")

asyncio.run(main())


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def slow_numbers():
    for i in range(3):
        await asyncio.sleep(0.1)
        yield i


async def edges():
    c = Countdown(2)
    print(await anext(c), await anext(c), await anext(c, "done"))
    g = slow_numbers()
    first = asyncio.create_task(anext(g))
    await asyncio.sleep(0)
    try:
        await anext(g)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("first:", await first)
    g.athrow(KeyError("never awaited: nothing happens"))
    print("next:", await anext(g))
    await g.aclose()

asyncio.run(edges())


async def closing_ticks():
    try:
        for i in range(5):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print("ticks closing as asyncio.run ends")


async def breaks_and_returns():
    async for x in closing_ticks():
        if x == 1:
            break
    print("main returns")

asyncio.run(breaks_and_returns())
print("after the run")
