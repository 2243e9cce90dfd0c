# asyncio's calls a learner gets wrong, refused as CPython refuses them: a misspelt keyword
# (gather's return_exceptions), a task's name given by position, an extra argument; the
# connection errors a reconnecting client catches; an error raised while closing a
# connection keeps the one that closed it; an async generator is not for a plain `for`;
# as_completed is an iterator; asyncio.run takes a coroutine, not a gather.
import asyncio


async def fail():
    await asyncio.sleep(0.05)
    raise ValueError("boom")


async def ticks():
    for i in range(2):
        await asyncio.sleep(0.05)
        yield i


class Connection:
    async def __aenter__(self):
        print("open")
        return self

    async def __aexit__(self, kind, error, tb):
        print("closing after", repr(error))
        raise ConnectionError("close failed")


async def connect(attempt):
    await asyncio.sleep(0.05)
    if attempt == 0:
        raise ConnectionResetError("reset by peer")
    if attempt == 1:
        raise BrokenPipeError("broken pipe")
    return "connected"


async def value(n):
    await asyncio.sleep(0.05 * n)
    return n


async def main():
    for mistake in [
        lambda: asyncio.gather(fail(), return_exception=True),
        lambda: asyncio.create_task(fail(), "worker"),
        lambda: asyncio.sleep(0.05, None, 1),
        lambda: asyncio.Queue(loop=None),
        lambda: asyncio.Semaphore(valu=2),
        lambda: asyncio.wait_for(fail(), timeot=1),
    ]:
        try:
            mistake()
        except TypeError as e:
            print("TypeError:", e)
    print(await asyncio.gather(fail(), return_exceptions=True))
    for attempt in range(3):
        try:
            print(await connect(attempt))
            break
        except (ConnectionResetError, BrokenPipeError) as e:
            print("retrying after", type(e).__name__, e, isinstance(e, ConnectionError))
    try:
        async with Connection():
            raise ValueError("send failed")
    except ConnectionError as e:
        print(repr(e), "context:", repr(e.__context__))
    try:
        for n, t in enumerate(ticks()):
            print(n, t)
    except TypeError as e:
        print("TypeError:", e)
    print([t async for t in ticks()])
    results = asyncio.as_completed([value(2), value(1)])
    print(await next(results))
    for rest in results:
        print(await rest)
    await asyncio.wait_for(asyncio.sleep(1), 0.1)


asyncio.run(main())
