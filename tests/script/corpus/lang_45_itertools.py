# itertools: endless count, cycle and repeat stopped by islice, zip or a break; the other
# iterators, combinatorics and errors; zip, map and filter take a generator's items as they go.
import asyncio
import itertools
import itertools as it
from itertools import count, cycle, islice

ids = count(1)
print(next(ids), next(ids), next(ids))
print(list(islice(count(10, 5), 4)), list(islice(count(0.5, 0.25), 3)))
print(list(islice(cycle("ab"), 5)), list(it.repeat("x", 3)), list(zip(range(3), it.repeat(0))))
print(list(islice(range(10), 2, 8, 2)), list(islice("abcdef", None)), list(islice("abc", 1, None)))
print(list(it.chain([1, 2], "ab", range(2))), list(it.chain()))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(6))), list(it.filterfalse(None, [0, 1, "", "a"])))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.compress("abcd", [1, 0, 1, 0])))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=10)), list(it.accumulate([3, 1, 4], max)))
print(list(it.pairwise("abcd")), list(it.pairwise([1])))
print(list(it.zip_longest("ab", [1, 2, 3], fillvalue="-")), list(it.zip_longest()))
for k, g in it.groupby("aabbbcd"):
    print(k, list(g))
print([(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
print(list(it.product("ab", [0, 1])), len(list(it.product(range(3), repeat=3))), list(it.product()))
print(list(it.permutations([1, 2, 3])), list(it.permutations("abc", 2)))
print(list(it.combinations(range(4), 2)), list(it.combinations("ab", 3)), list(it.combinations_with_replacement("ab", 2)))
print(sum(1 for _ in it.permutations(range(7))))
for i, name in zip(count(), cycle(["red", "green"])):
    if i >= 3:
        break
    print(i, name)
try:
    it.islice("abc", -1)
except ValueError as e:
    print("ValueError:", e)
try:
    it.islice("abc", 0, 2, 0)
except ValueError as e:
    print("ValueError:", e)


async def producer(q, name):
    for n in it.repeat(None, 3):
        item = next(ids)
        await q.put((name, item))
        await asyncio.sleep(0.1)


async def main():
    q = asyncio.Queue()
    await asyncio.gather(*(producer(q, f"p{i}") for i in range(2)))
    while not q.empty():
        print(await q.get())

asyncio.run(main())
for args in [(0, -1), (-1, 2)]:
    try:
        it.islice("abc", *args)
    except ValueError as e:
        print("ValueError:", e)
print(list(map(lambda a, b: a * b, count(1), [5, 6])), list(filter(None, islice(count(), 4))))
print(list(zip("ab", count())), [n for n, _ in zip(count(), range(3))])
