# Modern hints: `from __future__ import annotations` keeps a class's hints as text, so a
# dataclass may name itself (a linked list of jobs); `str | None` and isinstance with a union.
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class Job:
    name: str
    after: Job | None = None  # runs once this one is done
    tags: list[str] = field(default_factory=list)

    def chain(self) -> list[str]:
        names = [] if self.after is None else self.after.chain()
        return names + [self.name]


async def run(job: Job | None, done: dict[str, float]) -> None:
    if job is None:
        return
    await run(job.after, done)
    await asyncio.sleep(0.1)
    done[job.name] = round(asyncio.get_running_loop().time() % 1, 1)
    print("done:", job.name, job.tags)


async def main():
    deploy = Job("deploy", Job("test", Job("build", tags=["fast"])), ["prod"])
    print(deploy.chain(), Job.__annotations__)
    done: dict[str, float] = {}
    await run(deploy, done)
    print(len(done), isinstance(deploy.after, Job | None), isinstance(3, int | str), isinstance(2.5, int | str))
    try:
        print(1 | "x")
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
