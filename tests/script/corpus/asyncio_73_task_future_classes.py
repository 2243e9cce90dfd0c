# asyncio.Task and asyncio.Future are classes: isinstance works, hints such as
# list[asyncio.Task] in a dataclass are read, and calling Future() makes a future.
import asyncio
from dataclasses import dataclass, field

async def job(n: int) -> int:
    await asyncio.sleep(0.1)
    return n

def track(t: asyncio.Task) -> None:
    print("tracking", t.get_name())

@dataclass
class Pool:
    tasks: list[asyncio.Task] = field(default_factory=list)
    futs: dict[str, asyncio.Future] = field(default_factory=dict)

async def main():
    pool = Pool()
    t = asyncio.create_task(job(1), name="j1")
    pool.tasks.append(t)
    track(t)
    print(isinstance(t, asyncio.Task), isinstance(t, asyncio.Future), isinstance(asyncio.get_running_loop().create_future(), asyncio.Future))
    print(isinstance(asyncio.gather(), asyncio.Future), isinstance(1, asyncio.Task))
    f: asyncio.Future = asyncio.Future()
    f.set_result(3)
    print(await f, await t, type(t).__name__, type(f).__name__, asyncio.Task.__name__)
    print(issubclass(asyncio.Task, asyncio.Future))

asyncio.run(main())


async def waits_on_itself():
    try:
        await asyncio.current_task()
    except RuntimeError as e:
        print("RuntimeError:", str(e).split(":")[0])


asyncio.run(waits_on_itself())
