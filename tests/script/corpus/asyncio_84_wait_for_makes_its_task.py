import asyncio

# asyncio.wait_for is a coroutine: the task for what it waits on is made when it first runs,
# not when it is called. Gathered or made a task, its Task-N comes after the one running it,
# and the job starts a round later. A ticker counts the rounds.
log = []


async def ticker():
    for i in range(24):
        log.append(i)
        await asyncio.sleep(0)


async def job(name, rounds):
    log.append(f"{name} starts in {asyncio.current_task().get_name()}")
    try:
        for _ in range(rounds):
            await asyncio.sleep(0)
    finally:
        log.append(f"{name} ends")
    return name


async def main():
    t = asyncio.create_task(ticker())
    print(await asyncio.gather(asyncio.wait_for(job("a", 2), 1), asyncio.wait_for(job("b", 1), 1)))
    w = asyncio.create_task(asyncio.wait_for(job("c", 1), 1))
    log.append(f"made {w.get_name()}")
    print(await w)
    # Cancelled while it waits, it cancels its job and waits for it to end first.
    w = asyncio.create_task(asyncio.wait_for(job("d", 100), 1))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        log.append("wait_for cancelled")
    # Never awaited: no task is made, and both coroutines were never awaited.
    asyncio.wait_for(job("e", 1), 1)
    await t
    print(log)


asyncio.run(main())
