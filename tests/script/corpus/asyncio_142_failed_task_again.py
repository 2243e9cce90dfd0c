# A failed task's exception, retrieved a second time, is raised afresh: its traceback starts
# where it is raised again, as CPython's future hands its traceback over only once.
import asyncio


async def tahlil(hasta):
    await asyncio.sleep(0.1)
    raise ValueError(f"{hasta}: numune bozuk")


async def main():
    görev = asyncio.create_task(tahlil("Ayşe"))
    try:
        await görev
    except ValueError as e:
        print("ilk:", e)
    try:
        görev.result()
    except ValueError:
        import traceback
        traceback.print_exc()
    print("exception():", repr(görev.exception()))
    await görev


asyncio.run(main())
