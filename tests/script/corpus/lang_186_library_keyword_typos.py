# A misspelt keyword of the library's functions is CPython's TypeError, not silently dropped
# (deque(max_len=2) made an unbounded deque), and two argument checks of asyncio's.
import asyncio
import functools
import heapq
import itertools as it
from collections import deque, namedtuple

denemeler = [
    ("reduce", lambda: functools.reduce(lambda a, b: a + b, [1, 2], initial=10)),
    ("deque", lambda: deque([1, 2, 3], max_len=2)),
    ("nsmallest", lambda: heapq.nsmallest(2, [3, 1, 2], anahtar=abs)),
    ("heappush", lambda: heapq.heappush([], item=1)),
    ("namedtuple", lambda: namedtuple("P", "x y", default=None)),
    ("lru_cache", lambda: functools.lru_cache(max_size=2)),
    ("zip_longest", lambda: list(it.zip_longest([1], [2, 3], fill=0))),
    ("product", lambda: list(it.product("ab", rep=2))),
    ("count", lambda: it.count(begin=1)),
    ("chain", lambda: it.chain("a", x=1)),
    ("islice", lambda: it.islice("abc", stop=2)),
    ("groupby", lambda: it.groupby([1], keyfunc=abs)),
]
for ad, dene in denemeler:
    try:
        print(ad, dene())
    except TypeError as e:
        print(ad, "TypeError:", e)

print(deque([1, 2, 3], maxlen=2), heapq.nsmallest(2, [3, 1, 2], key=abs), list(it.zip_longest([1], [2, 3], fillvalue=0)))
print(list(it.product("ab", repeat=2))[:3], next(it.count(start=5)), functools.reduce(lambda a, b: a + b, [1, 2], 10))


def eski():
    yield 1


def selam():
    print("selam")


async def main():
    print(asyncio.iscoroutine(eski()), asyncio.iscoroutine(main), asyncio.iscoroutine(asyncio.sleep(0)))
    loop = asyncio.get_running_loop()
    try:
        loop.call_later(selam)
    except TypeError as e:
        print("TypeError:", e)
    loop.call_later(0.1, selam)
    await asyncio.sleep(0.2)


asyncio.run(main())
