# Iterator classes: __iter__/__next__ and __aiter__/__anext__ are called item by item as the
# loop goes (what they print comes between the loop's lines), an __iter__ may be a generator,
# and StopAsyncIteration ends an async for.
import asyncio

class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            print("  (stop)")
            raise StopIteration
        self.i += 1
        print("  next ->", self.i)
        return self.i

class Endless:
    def __iter__(self):
        self.i = 0
        return self
    def __next__(self):
        self.i += 1
        return self.i

class Feed:
    def __init__(self, items):
        self.items = list(items)
    def __aiter__(self):
        return self
    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        await asyncio.sleep(0.1)
        return self.items.pop(0)

class Bad:
    def __aiter__(self):
        return 5

class Bad2:
    def __iter__(self):
        return 5

async def reader(name, feed):
    async for item in feed:
        print(name, "got", item)

async def main():
    for x in Ticker(2):
        print("body", x)
    for x in Endless():
        if x > 3:
            break
    print("broke at", x)
    print([x * 2 for x in Ticker(2)])
    await asyncio.gather(reader("a", Feed("xy")), reader("b", Feed("pq")))
    print([x async for x in Feed([1, 2])])
    try:
        async for x in Bad():
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        for x in Bad2():
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        async for x in Ticker(1):
            pass
    except TypeError as e:
        print("TypeError:", e)
    print(issubclass(StopAsyncIteration, Exception))


class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

class Bag:
    def __init__(self):
        self.items = [1, 2]
    def __iter__(self):
        yield from self.items
print(list(Countdown(2)), list(Bag()), sum(Bag()))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))
asyncio.run(main())
