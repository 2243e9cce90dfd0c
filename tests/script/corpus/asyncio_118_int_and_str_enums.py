# IntEnum and StrEnum: priorities that compare, sort and queue as ints, and statuses that read
# as their strings.
import asyncio
from enum import Enum, IntEnum, StrEnum, auto

class Priority(IntEnum):
    HIGH = 1
    MEDIUM = 2
    LOW = 3

class Status(StrEnum):
    PENDING = auto()
    DONE = auto()

async def worker(q):
    while not q.empty():
        prio, name = await q.get()
        print(f"{name}: {prio!r} {prio} {prio.name} {prio:>3}")
        await asyncio.sleep(0.1)

async def main():
    q = asyncio.PriorityQueue()
    for prio, name in [(Priority.LOW, "backup"), (Priority.HIGH, "alert"), (Priority.MEDIUM, "email")]:
        q.put_nowait((prio, name))
    await worker(q)
    print(Priority.HIGH == 1, Priority.HIGH < Priority.LOW, Priority.LOW + 1, 10 - Priority.MEDIUM, sorted([Priority.LOW, Priority.HIGH]))
    print(Status.DONE, repr(Status.DONE), Status.DONE == "done", f"[{Status.PENDING}]", Status("done") is Status.DONE, {Priority.HIGH: "x"}[1])
    print(int(Priority.LOW), list(Priority), Priority(2), isinstance(Priority.HIGH, Enum), str(Priority.MEDIUM))

asyncio.run(main())
