# Everyday details a learner's program leans on: a loop over a list sees the list change;
# str methods' start and end; rsplit and splitlines; set methods with several others; tuples
# ordered by what they hold; sys.stdout.write; hasattr of a built-in's protocol.
import asyncio
import sys
from dataclasses import dataclass


@dataclass(order=True)
class Job:
    name: str


def flatten(items):
    for x in items:
        if hasattr(x, "__iter__") and not isinstance(x, str):
            yield from flatten(x)
        else:
            yield x


async def main():
    nums = [1, 2, 2, 3]
    for n in nums:
        if n == 2:
            nums.remove(n)
    print(nums)
    work = [1]
    for w in work:
        if w < 8:
            work.append(w * 2)
    print(work)
    a = [1, 1, 1, 1]
    for i, x in enumerate(a):
        if i + 1 < len(a):
            a[i + 1] = x * 2 + 1
    print(a)
    it = iter([5, 6, 7, 8])
    for x in it:
        print(x, next(it, None))
    ended = [1]
    it = iter(ended)
    next(it)
    print(next(it, "end"), end=" ")
    ended.extend([2, 3])
    print(next(it, "still the end"), list(it))

    s = "hello world"
    print(s.startswith("wor", 6), s.endswith("o", 0, 5), s.count("o", 5), s.find("o", 5), s.rfind("l", 0, 5))
    print(s.index("o", -4), s.rindex("l"), [1, 2, 1].index(1, 1), (1, 2, 1).count(1), "a b c".rsplit(maxsplit=1))
    print("one\ntwo\r\nthree".splitlines(), "x\ny\n".splitlines(True))
    print({1}.union({2}, [3]), {1, 2, 3}.intersection({2, 3}, (3,)), {1, 2, 3}.difference({1}, [2]))

    queue = [(2, Job("wash")), (1, Job("cook")), (2, Job("dry")), (1, Job("buy"))]
    print(sorted(queue))
    print((1, Job("a")) < (1, Job("b")), [3] >= [2, 9], (1, 2) > (1,))

    await asyncio.sleep(0.1)
    sys.stdout.write("steps: ")
    for step in range(3):
        sys.stdout.write(f"{step} ")
        sys.stdout.flush()
    print(sys.stdout.write("done\n"))
    print(list(flatten([1, [2, (3, [4])], "ab", range(2)])), hasattr(len, "__call__"), hasattr(5, "__iter__"))


asyncio.run(main())
