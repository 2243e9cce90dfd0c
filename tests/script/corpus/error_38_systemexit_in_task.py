# A task that raises SystemExit ends the program; its exception, never retrieved, is logged
# with the traceback it had when the task failed.
import asyncio

async def gorev():
    await asyncio.sleep(0.1)
    raise SystemExit("görev programı kapattı")

async def main():
    t = asyncio.create_task(gorev())
    await asyncio.sleep(1)
    print("buraya gelinmez")

asyncio.run(main())
