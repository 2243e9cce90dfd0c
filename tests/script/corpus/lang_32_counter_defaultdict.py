# Görevlerin sonuçlarını saymak ve gruplamak: collections.Counter ve defaultdict.
# Bir nesnenin __repr__'ı, listelerin ve sözlüklerin içinde de kullanılır.
import asyncio
from collections import Counter, defaultdict


class Result:
    def __init__(self, url, status):
        self.url = url
        self.status = status

    def __repr__(self):
        return f"Result({self.url!r}, {self.status})"


async def fetch(url, delay, status):
    await asyncio.sleep(delay)
    return Result(url, status)


async def main():
    results = await asyncio.gather(
        fetch("/a", 0.3, 200), fetch("/b", 0.1, 404), fetch("/c", 0.2, 200), fetch("/d", 0.1, 500)
    )
    by_status = defaultdict(list)
    for r in results:
        by_status[r.status].append(r)
    print(by_status)
    print(dict(by_status)[404], len(by_status), 302 in by_status, by_status.get(302))

    counts = Counter(r.status for r in results)
    print(counts, counts[200], counts[302], counts.most_common(1))
    counts.update([200, 302])
    counts.subtract({500: 1})
    print(counts, counts.total(), sorted(counts.elements()))

    a, b = Counter(a=3, b=1, c=0), Counter(a=1, b=2, d=4)
    print(a + b, a - b, a | b, a & b, b - a)
    words = Counter("bir iki bir üç bir iki".split())
    print(words.most_common(), list(words), words == {"bir": 3, "iki": 2, "üç": 1})
    hits = defaultdict(int)
    for w in "a b a".split():
        hits[w] += 1
    print(hits, Counter(), Counter(a=2), defaultdict(None, x=1))
    try:
        defaultdict(None)["yok"]
    except KeyError as e:
        print("KeyError:", e)
    try:
        defaultdict(5)
    except TypeError as e:
        print("TypeError:", e)
    print({"results": results[:2], "ilk": [[results[0]]]})


asyncio.run(main())
