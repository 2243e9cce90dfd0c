import asyncio

# wait_for's timeouts and cancels, as CPython 3.11's: it cancels its task and waits to be told
# of its end by a done callback (_cancel_and_wait) before it raises; a TaskGroup's exit, when
# the task running it is cancelled, likewise. A ticker counts the loop's rounds.
log = []
async def ticker():
    for i in range(40):
        log.append(i)
        await asyncio.sleep(0)
async def quick(x):
    return x
async def slow():
    try:
        await asyncio.sleep(10)
    finally:
        log.append("slow finally")
async def main():
    t = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    log.append("wait_for 0")
    try:
        await asyncio.wait_for(quick(1), 0)
    except asyncio.TimeoutError:
        log.append("timeout")
    log.append("wait_for expire")
    try:
        await asyncio.wait_for(slow(), 0.000001)
    except asyncio.TimeoutError:
        log.append("timeout2")
    log.append("cancel outer")
    w = asyncio.create_task(asyncio.wait_for(slow(), 5))
    await asyncio.sleep(0)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        log.append("w cancelled")
    log.append("taskgroup cancel")
    async def tg_body():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow())
            tg.create_task(quick(2))
    g = asyncio.create_task(tg_body())
    await asyncio.sleep(0); await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        log.append("g cancelled")
    log.append("end")
    print(log)
    # Cancelled with a message: its job is cancelled with none, and the message stays with
    # the task that was cancelled.
    async def job():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("job cancelled with", repr(e))
            raise

    async def runs_wait_for():
        try:
            await asyncio.wait_for(job(), 5)
        except asyncio.CancelledError as e:
            print("wait_for cancelled with", repr(e))
            raise

    w = asyncio.create_task(runs_wait_for())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel("bye")
    try:
        await w
    except asyncio.CancelledError as e:
        print("main sees", repr(e))
    # A gather of a task that failed already, dropped at once: it still takes the exception,
    # and reports it when it goes, as CPython's does.
    failed = asyncio.create_task(fails())
    await asyncio.sleep(0)
    asyncio.gather(failed)
    await asyncio.sleep(0)
    del failed
    await asyncio.sleep(0)
    print("end")


async def fails():
    raise ValueError("boom")


asyncio.run(main())
