# A task that asyncio.run cancels at its end, and that raises another error as it is cancelled,
# is reported as CPython's loop reports it: "unhandled exception during asyncio.run() shutdown".
import asyncio
async def bg():
    try:
        await asyncio.sleep(5)
    finally:
        raise RuntimeError("cleanup failed")
async def main():
    asyncio.create_task(bg())
    await asyncio.sleep(0.1)
    print("main done")
asyncio.run(main())
print("after")
