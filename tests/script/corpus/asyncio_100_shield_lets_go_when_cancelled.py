# A shield whose outer future was cancelled (by hand, or by a wait_for that timed out) lets go
# of the task inside: that task's error is then reported as never retrieved, as CPython does.
import asyncio
async def risky():
    await asyncio.sleep(0.2)
    raise ValueError("risky failed")
async def fine():
    await asyncio.sleep(0.2)
    return 5
async def main():
    s = asyncio.shield(risky()); s.cancel()
    await asyncio.sleep(0.3); print("end 1")
    try:
        await asyncio.wait_for(asyncio.shield(risky()), 0.1)
    except TimeoutError:
        print("timed out")
    await asyncio.sleep(0.3); print("end 2")
    t = asyncio.create_task(risky())
    try:
        await asyncio.shield(t)
    except ValueError as e:
        print("caught", e)
    print(await asyncio.wait_for(asyncio.shield(fine()), 1))
asyncio.run(main())
