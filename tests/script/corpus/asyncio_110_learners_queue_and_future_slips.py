# A put never awaited puts nothing; a put awaited puts when it runs; functions where a
# coroutine belongs; a dataclass made in a function; chain.from_iterable.
import asyncio
import itertools
from dataclasses import dataclass


def make_point():
    @dataclass
    class Point:
        x: int
    return Point


async def job():
    return "done"


async def main():
    q = asyncio.Queue()
    q.put("forgotten")
    print("size after a put not awaited:", q.qsize())
    asyncio.create_task(q.put("from a task"))
    await q.put("from main")
    await asyncio.sleep(0)
    print([q.get_nowait() for _ in range(q.qsize())])
    for f in (asyncio.ensure_future, asyncio.shield):
        try:
            f(job)
        except TypeError as e:
            print(f.__name__, "->", e)
    print(await asyncio.ensure_future(job()))
    Point = make_point()
    print(Point(1))
    try:
        Point()
    except TypeError as e:
        print(e)
    print(list(itertools.chain.from_iterable([[1, 2], (3,), "ab"])))


asyncio.run(main())
