# A generator expression is a generator: its first iterable is taken where it is written, the
# rest runs as it is resumed, so its work interleaves with the loop that walks it, `any` stops
# at the first true item, and an endless source is fine. One that awaits is an async generator.
import asyncio
import itertools


def fetch(i):
    print("fetching", i)
    return i * 10


async def main():
    for value in (fetch(i) for i in range(3)):
        print("got", value)
    print(next(n for n in itertools.count(1) if n * n > 50))
    print(any(print("checking", i) or i == 1 for i in range(5)))
    squares = (x * x for x in [1, 2, 3])
    print(next(squares), list(squares), list(squares))
    nums = [1, 2, 3]
    later = (n for n in nums)
    nums.append(4)
    print(list(later), sum(i for i in range(1001)), ", ".join(str(n) for n in nums))
    print(list(x + y for x in range(3) if x for y in range(x)))
    print(sum(x for x in range(20_000)), len(",".join(str(x) for x in range(5_000))), max(x % 7 for x in range(1000)))
    try:
        print(list(1 / x for x in [1, 0]))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    results = await asyncio.gather(*(asyncio.sleep(0.1 * i, i) for i in range(3)))
    print(results)
    slow = (await asyncio.sleep(0.05, i) for i in range(3))
    print([v async for v in slow])
    try:
        print(sum(await asyncio.sleep(0, i) for i in range(3)))
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
