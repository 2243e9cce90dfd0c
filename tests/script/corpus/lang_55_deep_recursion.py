import asyncio


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def walk(n, seen):
    if n:
        seen.append(n)
        walk(n - 1, seen)
    return seen


def bottom_sum(n):
    # a generator and a key function, run at the bottom of a deep recursion
    if n == 0:
        return sum(x * x for x in range(10)), sorted([3, 1, 2], key=lambda x: -x)
    return bottom_sum(n - 1)


class Tree:
    def __init__(self, n):
        self.child = Tree(n - 1) if n else None

    def height(self):
        return 1 + (self.child.height() if self.child else 0)


async def down(n):
    if n == 0:
        await asyncio.sleep(0.1)  # 800 calls wait here at once
        return 0
    return 1 + await down(n - 1)


async def guarded(n, log):
    try:
        if n == 0:
            await asyncio.sleep(10)
        return await guarded(n - 1, log)
    finally:
        log.append(n)


def one():
    return 1


def steps():
    yield one()


def generator_steps(n):
    # 1,500 generator steps at the bottom of a deep recursion: each counted, and counted back
    if n == 0:
        return sum(x for _ in range(1500) for x in steps())
    return generator_steps(n - 1)


def forever(n):
    return forever(n + 1)


async def main():
    print(depth(900), len(walk(900, [])), walk(900, [])[-3:])
    print(bottom_sum(850))
    print(Tree(450).height(), generator_steps(195))
    print(await down(800))
    print(await asyncio.gather(down(700), down(600)))
    log = []
    task = asyncio.create_task(guarded(700, log))
    await asyncio.sleep(0.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled:", len(log), "finally blocks ran, innermost first:", log[:3])
    try:
        forever(0)
    except RecursionError as e:
        print("RecursionError:", e)
    print(depth(900), "again")


asyncio.run(main())
