# contextlib's small managers: nullcontext (an optional lock), closing (a connection closed
# however the block ends) and aclosing (an async generator closed when the loop breaks).
import asyncio
from contextlib import nullcontext, closing, aclosing, suppress

class Conn:
    def __init__(self, name):
        self.name = name
    def close(self):
        print(f"{self.name} closed")

async def ticks(n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print("ticks closed")

async def main(lock=None):
    with nullcontext(42) as x:
        print("null gives", x)
    async with (lock or nullcontext()):
        print("maybe locked")
    async with asyncio.Lock() as l:
        pass
    with closing(Conn("db")) as c:
        print("using", c.name)
    try:
        with closing(Conn("cache")):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)
    async with aclosing(ticks(10)) as t:
        async for i in t:
            print("tick", i)
            if i == 1:
                break
    print("after aclosing")
    print(type(nullcontext()).__name__)

asyncio.run(main())
asyncio.run(main(asyncio.Lock()))
