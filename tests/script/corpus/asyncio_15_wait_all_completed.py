import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    if fail:
        raise RuntimeError(f"{name} failed")
    return name


async def main():
    tasks = [
        asyncio.create_task(job("a", 0.2), name="a"),
        asyncio.create_task(job("b", 0.1, fail=True), name="b"),
        asyncio.create_task(job("c", 0.3), name="c"),
    ]
    done, pending = await asyncio.wait(tasks)  # ALL_COMPLETED is the default
    print("done:", sorted(t.get_name() for t in done), "pending:", len(pending))
    for t in sorted(done, key=lambda t: t.get_name()):
        if t.exception():
            print(t.get_name(), "raised", repr(t.exception()))
        else:
            print(t.get_name(), "returned", t.result())


asyncio.run(main())
