# A task's exception nobody retrieved is reported when the task is freed, also when the frame
# that held it defined functions of its own (which hold that frame: a cycle that must still be
# freed when the frame ends). Closures that are still used outlive their frame.
import asyncio


def make_counter():
    count = 0

    def step():
        nonlocal count
        count += 1
        return count

    return step


def logged(f):
    async def wrapper(*args):
        print("calling", f.__name__)
        return await f(*args)
    return wrapper


async def first():
    async def worker():
        raise ValueError("lost")

    t = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print("first done")


async def second():
    async def worker():
        await asyncio.sleep(0.5)
        raise KeyError("late")

    t = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print("second done")


async def third():
    class Job:
        def __init__(self, n):
            self.n = n

        async def run(self):
            raise RuntimeError(f"job {self.n}")

    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)

    jobs = [Job(i) for i in range(2)]
    tasks = [asyncio.create_task(j.run()) for j in jobs]
    await asyncio.sleep(0.1)
    print("third done", fact(5))


async def fourth():
    @logged
    async def fetch(n):
        await asyncio.sleep(0.1)
        raise ConnectionError(f"fetch {n}")

    t = asyncio.create_task(fetch(7))
    await asyncio.sleep(0.2)
    return t.done()


async def main():
    c = make_counter()
    c()
    c()
    print("counter", c())
    await first()
    print("after first")
    await second()
    await asyncio.sleep(1)
    print("after second")
    await third()
    print("after third")
    print("fourth done:", await fourth())
    print("after fourth, counter", c())


asyncio.run(main())
print("end")
