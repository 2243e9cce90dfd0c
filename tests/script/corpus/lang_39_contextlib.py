# contextlib: a connection opened and closed around an `async with` block, a timer around a
# `with` block, and asyncio's idiom for a task just cancelled: suppress its CancelledError.
import asyncio
import contextlib
from contextlib import asynccontextmanager, contextmanager, suppress


@asynccontextmanager
async def connection(name):
    print("open", name)
    await asyncio.sleep(0.1)
    try:
        yield f"conn-{name}"
    finally:
        print("close", name)
        await asyncio.sleep(0.1)


@contextmanager
def timer(label):
    print("start", label)
    yield label.upper()
    print("stop", label)


@contextmanager
def swallow():
    try:
        yield
    except ZeroDivisionError:
        print("swallowed")


@contextmanager
def replace():
    try:
        yield
    except KeyError:
        raise ValueError("replaced")


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def twice():
    yield 1
    yield 2


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print("worker cleaned up")


async def main():
    async with connection("db") as c:
        print("using", c)
        await asyncio.sleep(0.2)
    with timer("x") as t:
        print("in timer", t)
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
    print("cancelled:", task.cancelled())
    with contextlib.suppress(KeyError, IndexError):
        [][1]
    print("after suppress")
    with swallow():
        1 / 0
    print("after swallow")
    try:
        async with connection("api"):
            raise RuntimeError("boom")
    except RuntimeError as e:
        print("propagated", e)
    try:
        with suppress(KeyError):
            raise ValueError("not suppressed")
    except ValueError as e:
        print("got", e)
    try:
        with replace():
            {}["k"]
    except ValueError as e:
        print("ValueError:", e, "| context:", repr(e.__context__))
    for cm in (no_yield, twice):
        try:
            with cm() as v:
                print("body", v)
        except RuntimeError as e:
            print("RuntimeError:", e)
    try:
        with connection("x"):
            pass
    except TypeError as e:
        print("TypeError:", e)
    print(type(suppress()).__name__, type(connection("y")).__name__)
    async with connection("last"):
        raise KeyError("uncaught")


asyncio.run(main())
