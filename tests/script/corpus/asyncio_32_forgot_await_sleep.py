import asyncio
import time

async def main():
    start = time.time()
    print("sleeping...")
    asyncio.sleep(1)
    print(f"woke after {time.time() - start:.1f} s")

asyncio.run(main())
