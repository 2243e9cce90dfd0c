import asyncio
async def fetch(d):
    await asyncio.sleep(d)
    return d
async def main():
    fs = asyncio.as_completed([fetch(0.1), fetch(1), fetch(2)], timeout=0.5)
    res = await asyncio.gather(*fs, return_exceptions=True)
    print([type(r).__name__ if isinstance(r, Exception) else r for r in res])
asyncio.run(main())
