# asyncio.wait(return_when=FIRST_EXCEPTION) reads each finished task's exception, as CPython's
# _on_completion does, so no "never retrieved" message comes for it; the last to finish of all
# is not read, and FIRST_COMPLETED reads none.
import asyncio

async def job(n, fail=False):
    await asyncio.sleep(n / 10)
    if fail:
        raise RuntimeError(f"job {n}")
    return n

async def main():
    # FIRST_EXCEPTION reads each finished task's exception: no "never retrieved" message.
    ts = [asyncio.create_task(job(3, True)), asyncio.create_task(job(1)), asyncio.create_task(job(5))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    for p in pending:
        p.cancel()
    # All finish and the last one fails: its exception is not read by wait.
    ts = [asyncio.create_task(job(1)), asyncio.create_task(job(2, True))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    del ts, done, pending
    # FIRST_COMPLETED reads nothing.
    ts = [asyncio.create_task(job(1, True)), asyncio.create_task(job(2))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    del ts, done, pending
    await asyncio.sleep(0.3)
    print("end")

asyncio.run(main())
