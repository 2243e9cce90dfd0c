# A walrus anywhere in a function's statement binds a local of that function (a comprehension's
# too; a lambda's stays its own): two coroutines each with `while (item := await q.get())` do
# not share it. contextmanager and asynccontextmanager on methods; a generator is its own
# iterator (__iter__, __aiter__).
import asyncio
from contextlib import contextmanager, asynccontextmanager

def f():
    while (o := "A"):
        g()
        print("f", o)
        return
def g():
    if (o := "B"):
        return
f()
def h():
    if (n := 1) > 0:
        return n
print(h())
try:
    print(n)
except NameError as e:
    print("NameError:", e)
def comp():
    data = [1, 5, 2]
    big = [y for x in data if (y := x * 2) > 3]
    return big, y
print(comp())
def lam():
    fn = lambda: (z := 3)
    return fn()
print(lam())
try:
    print(z)
except NameError as e:
    print("NameError:", e)

async def stage(name, inbox, outbox):
    while (item := await inbox.get()) is not None:
        await outbox.put(f"{item}>{name}")
    await outbox.put(None)

async def main():
    a, b, c = asyncio.Queue(), asyncio.Queue(), asyncio.Queue()
    tasks = [asyncio.create_task(stage("s1", a, b)), asyncio.create_task(stage("s2", b, c))]
    for i in range(3):
        await a.put(i)
    await a.put(None)
    while (out := await c.get()) is not None:
        print(out)
    await asyncio.gather(*tasks)
asyncio.run(main())

class Pool:
    def __init__(self):
        self.free = ["c1", "c2"]

    @contextmanager
    def connection(self):
        c = self.free.pop()
        print("take", c)
        try:
            yield c
        finally:
            self.free.append(c)
            print("give back", c)

    @asynccontextmanager
    async def session(self, name):
        await asyncio.sleep(0.1)
        print("open", name)
        yield f"{name}@{self.free[0]}"
        print("close", name)

pool = Pool()
with pool.connection() as c:
    print("using", c)

def gen():
    yield 1
g = gen()
print(g.__iter__() is g, list(iter(g)))

async def ag():
    yield 1

async def main():
    async with pool.session("s") as s:
        print("in", s)
    it = ag()
    print(it.__aiter__() is it, await it.__anext__())

asyncio.run(main())
