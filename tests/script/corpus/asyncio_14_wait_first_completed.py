import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d), name=f"job-{d}") for d in (0.3, 0.1, 0.5)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    print("first result:", [t.result() for t in done])
    done, pending = await asyncio.wait(pending, timeout=0.15)
    print("after timeout: done", sorted(t.get_name() for t in done),
          "pending", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.sleep(0)
    print("cancelled:", sorted(t.get_name() for t in tasks if t.cancelled()))


asyncio.run(main())
