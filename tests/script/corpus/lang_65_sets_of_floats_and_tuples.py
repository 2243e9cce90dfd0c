# Sets of floats and of tuples print in CPython's order, and tuples hash as CPython hashes
# them: a grid of visited cells, as a crawler or a game keeps it.
import asyncio
import random

random.seed(3)


async def explore(visited, name):
    for _ in range(20):
        visited.add((random.randint(0, 9), random.randint(0, 9)))
        await asyncio.sleep(0.01)
    print(name, "done")


async def main():
    print(hash((1, 2)), hash(()), hash((1.5, (2, True))), hash((-1,)))
    print({3.0, 1.0, 2.0}, {(1, 2), (0, 1)}, {3, 1, 0.5})
    s = {3, 1, 2}
    s.add(1.5)
    print(s)
    visited = set()
    await asyncio.gather(explore(visited, "a"), explore(visited, "b"))
    print(len(visited), visited)
    print({(x, y) for x in range(4) for y in range(3)})
    print({round(random.random(), 3) for _ in range(10)})


asyncio.run(main())
