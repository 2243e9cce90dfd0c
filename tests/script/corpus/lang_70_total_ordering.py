# functools.total_ordering: a class that defines == and one ordering gets the others, as
# CPython makes them (patients by urgency in a PriorityQueue, versions from >=).
import asyncio
from functools import total_ordering


@total_ordering
class Patient:
    def __init__(self, name, urgency):
        self.name = name
        self.urgency = urgency

    def __eq__(self, other):
        return self.urgency == other.urgency

    def __lt__(self, other):
        return self.urgency < other.urgency

    def __repr__(self):
        return f"Patient({self.name!r}, {self.urgency})"


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n >= other.n


a, b, c = Patient("Ali", 2), Patient("Ayşe", 5), Patient("Can", 2)
print(a < b, a > b, a <= c, a >= c, b >= a, a > c)
v1, v2 = Version(1), Version(2)
print(v1 < v2, v1 > v2, v1 <= v2, v2 <= v1, v1 >= v1, v1 < v1)
print(sorted([b, a, c]), max([a, b, c]))


async def main():
    q = asyncio.PriorityQueue()
    for p in [b, a, c]:
        await q.put(p)
    while not q.empty():
        print(await q.get())
    try:

        @total_ordering
        class Plain:
            pass

    except ValueError as e:
        print(type(e).__name__, e)


asyncio.run(main())
