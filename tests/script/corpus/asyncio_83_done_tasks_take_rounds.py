import asyncio

# A ticker counts the loop's rounds; each line below is logged between its ticks, so the log
# shows how many rounds each wait takes. Awaiting a task that is done takes none; gather,
# wait, wait_for (with a timeout) and as_completed hear of a task's end through a done
# callback, which the loop calls soon, even for a task done already.
log = []


async def ticker():
    for i in range(60):
        log.append(i)
        await asyncio.sleep(0)


async def quick(x):
    return x


async def fails():
    raise ValueError("no")


async def later(x, rounds=3):
    for _ in range(rounds):
        await asyncio.sleep(0)
    log.append(f"{x} ends")
    return x


async def main():
    a = asyncio.create_task(quick(1))
    b = asyncio.create_task(quick(2))
    c = asyncio.create_task(fails())
    await asyncio.sleep(0)
    t = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    log.append("await a")
    await a
    log.append("gather")
    await asyncio.gather(a, b)
    log.append("gather a failed one")
    try:
        await asyncio.gather(a, c)
    except ValueError:
        pass
    log.append("gather return_exceptions")
    await asyncio.gather(a, c, return_exceptions=True)
    log.append("gather a coroutine and a done task")
    await asyncio.gather(quick(3), a)
    log.append("wait")
    await asyncio.wait([a, b, a])
    log.append("wait first")
    await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    log.append("wait first exception")
    await asyncio.wait([a, c], return_when=asyncio.FIRST_EXCEPTION)
    log.append("as_completed")
    for f in asyncio.as_completed([a, b]):
        await f
    log.append("wait_for")
    await asyncio.wait_for(a, 1)
    log.append("wait_for, no timeout")
    await asyncio.wait_for(a, None)
    log.append("shield")
    await asyncio.shield(a)
    log.append("gather nothing")
    await asyncio.gather()
    print(log)
    log.clear()
    # Tasks that end while they are waited for.
    log.append("wait_for")
    await asyncio.wait_for(later("a"), 1)
    log.append("wait_for a task")
    await asyncio.wait_for(asyncio.create_task(later("b")), 1)
    log.append("wait_for, no timeout: the coroutine runs inline")
    await asyncio.wait_for(later("c"), None)
    log.append("as_completed")
    for f in asyncio.as_completed([later("d"), later("e", 5)]):
        await f
        log.append("got one")
    log.append("gather")
    await asyncio.gather(later("g"))
    log.append("end")
    await t
    print(log)


asyncio.run(main())
