# collections.deque: its own type (printed as deque([...])), maxlen dropping from the other end,
# rotate, the ends, indexing, errors, and two workers taking jobs from one deque.
import asyncio
from collections import deque

d = deque([1, 2, 3])
print(d, len(d), d[0], d[-1], 2 in d, 9 in d, bool(deque()), list(d), type(d).__name__, isinstance(d, deque))
d.append(4)
d.appendleft(0)
print(d, d.pop(), d.popleft(), d)
d.rotate(1)
print(d)
d.rotate(-2)
print(d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d, d.count(7), d.index(7))
d.remove(7)
d.reverse()
print(d, [x * 2 for x in d], sum(d), sorted(d), list(reversed(d)))
last = deque(maxlen=3)
for i in range(6):
    last.append(i)
    print(last)
print(last.maxlen, deque([1, 2], maxlen=0), deque("abc"), deque(), deque([1]) == deque([1]), deque([1]) == [1])
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
try:
    deque([1])[5]
except IndexError as e:
    print("IndexError:", e)
try:
    deque([1]).remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    deque([1, 2], maxlen=2).insert(0, 5)
except IndexError as e:
    print("IndexError:", e)
c = d.copy()
c.clear()
print(d, c, deque([[1]]), deque(["a"], 5))
d[0] = 100
print(d)


async def worker(name, q):
    while q:
        job = q.popleft()
        print(name, "takes", job)
        await asyncio.sleep(0.1)


async def main():
    q = deque(range(5))
    await asyncio.gather(worker("a", q), worker("b", q))
    print("left:", q)

asyncio.run(main())
from collections import Counter
dd = deque(["x", "y", "x"])
l = [0]
l.extend(dd)
s = set()
s.update(dd)
print(",".join(dd), l, sorted(s), Counter(dd), deque([deque([1])]) == deque([deque([1])]), max(dd))
from collections import deque

d = deque([1, 2, 3, 2])
print(d.index(2, 2), d.index(2, 1, 3), d.index(2, -2))
try:
    d.index(9, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    hash(d)
except TypeError as e:
    print("TypeError:", e)
try:
    {d: 1}
except TypeError as e:
    print("TypeError:", e)
e = d + deque([5])
print(e, d, e is d)
before = d
d += [7]
print(d, d is before)
try:
    d + [1]
except TypeError as e:
    print("TypeError:", e)
print(deque([1, 2], maxlen=True), deque([1, 2], maxlen=True).maxlen)
w = deque([1, 2], maxlen=3) + deque([3, 4])
print(w)
