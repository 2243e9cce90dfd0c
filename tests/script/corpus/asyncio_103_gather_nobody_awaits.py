# A gather nobody awaits still takes its children's errors, as CPython's children's done
# callbacks hold it: its own error is then reported, as _GatheringFuture's.
import asyncio
async def bad():
    await asyncio.sleep(0.1)
    raise ValueError("bad")
async def good():
    await asyncio.sleep(0.1)
    return 1
async def main():
    asyncio.gather(bad())
    await asyncio.sleep(0.3)
    print("main end")
    g = asyncio.gather(good(), good())
    await asyncio.sleep(0.3)
    print(g.result())
    await asyncio.gather(bad(), return_exceptions=True)
    print("done")
asyncio.run(main())
