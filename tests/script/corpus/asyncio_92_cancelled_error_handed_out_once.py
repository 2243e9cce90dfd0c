# A cancelled task hands out the CancelledError raised in it (with its cancel's message) once:
# awaiting it or asking its result again raises a new one with no message, and gather's list
# of results shows a task's as CancelledError(''). A cancelled future keeps its message.
import asyncio
async def main():
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t.cancel("why")
    await asyncio.sleep(0)
    print(await asyncio.gather(t, return_exceptions=True))
    try: t.result()
    except asyncio.CancelledError as e: print(repr(e))
    try: t.exception()
    except asyncio.CancelledError as e: print(repr(e))
    u = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    u.cancel("u-why")
    try:
        await asyncio.gather(u)
    except asyncio.CancelledError as e: print("g", repr(e))
    try: await u
    except asyncio.CancelledError as e: print(repr(e))
    f = asyncio.get_running_loop().create_future()
    f.cancel("fm")
    for _ in range(2):
        try: f.result()
        except asyncio.CancelledError as e: print(repr(e))
    print(await asyncio.gather(f, return_exceptions=True))
asyncio.run(main())
