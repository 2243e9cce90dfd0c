# Messages learners meet: a task and a future named as CPython's C types, an enum member's
# read-only value, the state asyncio's locks keep (sem._value), all_tasks() with no loop.
import asyncio
async def main():
    t = asyncio.create_task(asyncio.sleep(0))
    f = asyncio.get_running_loop().create_future()
    for thing in (t, f):
        for expr in (lambda: thing(), lambda: len(thing), lambda: thing + 1, lambda: thing.nope):
            try: expr()
            except (TypeError, AttributeError) as e: print(e)
    print(type(t).__name__, type(f).__name__, type(t), type(f))
    await t
    f.cancel()
asyncio.run(main())
from enum import Enum
try: print(dict(1, 2))
except TypeError as e: print(e)
print(dict(a=1, b=2), dict([("x", 1)], y=2))
try: divmod(1, "a")
except TypeError as e: print(e)
try:
    x = 5
    x.real = 3
except AttributeError as e: print(e)
class A:
    def __init__(self): return 5
try: A()
except TypeError as e: print(e)
class B(A): pass
print(B.__base__, A.__base__)
class R(Enum):
    A = 1
for n in ("value", "name"):
    try: setattr(R.A, n, 5)
    except AttributeError as e: print(e)
R.A.etiket = "x"; print(R.A.etiket, R.A.value)
print(hash(""), hash(()))
try: asyncio.all_tasks()
except RuntimeError as e: print(e)
async def main():
    print(len(asyncio.all_tasks()))
asyncio.run(main())
async def indir(sem, i):
    async with sem:
        print(i, "başladı, kalan:", sem._value)
        await asyncio.sleep(0.1)
    print(i, "bitti, kalan:", sem._value)
async def main():
    sem = asyncio.Semaphore(2)
    print(sem._value)
    await asyncio.gather(*(indir(sem, i) for i in range(4)))
    lock = asyncio.Lock()
    print(lock._locked)
    async with lock:
        print(lock._locked)
    e = asyncio.Event()
    print(e._value); e.set(); print(e._value)
    q = asyncio.Queue(3)
    print(q._maxsize, q.maxsize)
asyncio.run(main())
