# asyncio.timeout(float("nan")): the loop fires a NaN deadline as due, so the block times out at its first wait.
import asyncio
async def main():
    async with asyncio.timeout(float('nan')):
        await asyncio.sleep(0.1)
        print("inside done")
    print("after")
asyncio.run(main())
