# asyncio.wait checks what it is given as CPython does, in CPython's order: one task instead
# of a list, an empty list, an unknown return_when (even with coroutines in the list).
import asyncio


async def job():
    await asyncio.sleep(0.05)
    return "done"


async def main():
    task = asyncio.create_task(job())
    for fs, when in [(task, asyncio.ALL_COMPLETED), ([], asyncio.ALL_COMPLETED), ([task], "FIRST")]:
        try:
            await asyncio.wait(fs, return_when=when)
        except (TypeError, ValueError) as e:
            print(type(e).__name__ + ":", e)
    done, pending = await asyncio.wait([task], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), task.result())


asyncio.run(main())
