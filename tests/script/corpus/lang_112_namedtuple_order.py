import heapq
from collections import namedtuple
from typing import NamedTuple

# A namedtuple orders against, adds to and equals tuples as the tuple of its items;
# a dict's keys and items order as sets.
P = namedtuple("P", "x y")
ps = [P(2, 1), P(1, 5), P(1, 2)]
print(sorted(ps))
print(P(1, 2) < (1, 3), P(1,2) + (3,), (0,) + P(1, 2))
print(max(ps), min(ps, key=lambda p: p.y))
d = {"a": 1}
print(d.keys() <= {"a", "b"}, d.keys().isdisjoint({"b"}))
x, *rest = P(1, 2)
print(x, rest, P(1,2)[::-1], len(P(1,2)), list(P(3,4)))
class Hasta(NamedTuple):
    oncelik: int
    ad: str
P = namedtuple("P", "x y")
print(P(1, 2) * 2, 2 * P(1, 2), P(1, 2) == P(1, 2), P(1, 2) != (1, 2))
print(sorted([Hasta(2, "Ali"), Hasta(1, "Ayşe"), Hasta(2, "Can")]))
print(Hasta(1, "a") < Hasta(1, "b"), P(1, 2) >= (1, 2), (1, 3) > P(1, 2))
h = []
heapq.heappush(h, Hasta(3, "x")); heapq.heappush(h, Hasta(1, "y"))
print(heapq.heappop(h))
print({"a": 1, "b": 2}.items() > {("a", 1)}, {"a"} < {"a": 1, "b": 2}.keys())
try:
    print(P(1, 2) < 5)
except TypeError as e:
    print(e)
try:
    print(P(1, 2) + [3])
except TypeError as e:
    print(e)
try:
    print(P(1, 2) * "a")
except TypeError as e:
    print(e)
