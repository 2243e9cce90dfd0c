# TaskGroup failures: each child's error reaches the group by a callback run soon after the
# child ends, as CPython's _on_task_done: two children failing in the same turn both count.
import asyncio


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(name)
        print(name, "done")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.1)


async def main():
    asyncio.create_task(ticker())
    # Two children fail in the same turn; a third is cancelled; the body was waiting.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("slow", 1))
            tg.create_task(job("x", 0.1, True))
            tg.create_task(job("y", 0.1, True))
            await asyncio.sleep(5)
            print("not reached")
    except* ValueError as eg:
        print("caught", sorted(str(e) for e in eg.exceptions))
    # A child fails after the body has ended; its sibling is cancelled.
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(job("a", 0.1))
            tg.create_task(job("b", 0.2, True))
            tg.create_task(job("c", 0.5))
        print("not reached")
    except* ValueError as eg:
        print("caught", [str(e) for e in eg.exceptions], a.result())
    # The body raises: the children are cancelled, the error joins the group.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("d", 0.3))
            await asyncio.sleep(0.1)
            raise KeyError("body")
    except* KeyError as eg:
        print("caught", [repr(e) for e in eg.exceptions])
    # Creating a task while the group shuts down.
    async def late(tg):
        await asyncio.sleep(0.15)
        try:
            tg.create_task(job("late", 0))
        except RuntimeError as e:
            print("RuntimeError:", e)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("e", 0.1, True))
            tg.create_task(late(tg))
    except* ValueError as eg:
        print("caught", [str(e) for e in eg.exceptions])
    print("end")


asyncio.run(main())
