# A priority queue of jobs, workers taking the most urgent first, a ticker stopped by an event,
# an async generator closed early, and heapq on plain lists (the sifts PriorityQueue uses).
import asyncio
import heapq
from dataclasses import dataclass, field
from typing import Any

@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)

async def worker(q: asyncio.PriorityQueue, wid: int):
    while True:
        job = await q.get()
        print(f"w{wid} runs {job.name} (p{job.priority})")
        await asyncio.sleep(0.1 * job.priority)
        q.task_done()

async def ticker(stop: asyncio.Event):
    n = 0
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.15)
        except asyncio.TimeoutError:
            n += 1
            print("tick", n)
    return n

async def agen(n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0.05)
    finally:
        print("agen closed")

async def main():
    q = asyncio.PriorityQueue()
    for p, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "urgent2")]:
        await q.put(Job(p, name))
    workers = [asyncio.create_task(worker(q, i)) for i in range(2)]
    stop = asyncio.Event()
    t = asyncio.create_task(ticker(stop))
    await q.join()
    stop.set()
    print("ticks:", await t)
    for w in workers:
        w.cancel()
    done, pending = await asyncio.wait(workers, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), all(w.cancelled() for w in workers))
    g = agen(10)
    async for x in g:
        if x == 2:
            break
    await g.aclose()
    h = [5, 1, 4]
    heapq.heapify(h)
    print(heapq.heappop(h), h)

asyncio.run(main())


h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(3)], h)
data = [(2, "b"), (1, "a"), (3, "c"), (1, "z")]
heapq.heapify(data)
print(data)
print(heapq.heappushpop(data, (0, "x")), heapq.heappushpop(data, (5, "y")), data)
print(heapq.heapreplace(data, (4, "q")), data)
print(heapq.nlargest(2, [1, 8, 3, 8, 2]), heapq.nsmallest(3, ["bb", "a", "ccc", "dd"], key=len))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)
try:
    heapq.heappush((1,), 2)
except TypeError as e:
    print("TypeError:", e)
for f, a in [(heapq.heappush, ([],)), (heapq.heappop, ()), (heapq.nlargest, (1,)), (heapq.nsmallest, ())]:
    try:
        f(*a)
    except TypeError as e:
        print(e)
print(heapq.nsmallest(2, ["aaa", "b", "cc"], len))
