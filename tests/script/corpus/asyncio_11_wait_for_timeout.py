import asyncio


async def slow():
    try:
        print("slow: started")
        await asyncio.sleep(2)
        print("slow: never printed")
    except asyncio.CancelledError:
        print("slow: cancelled")
        raise
    finally:
        print("slow: finally ran")


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.5)
    except asyncio.TimeoutError:
        print("main: asyncio.TimeoutError caught")
    print("main: continuing")


asyncio.run(main())
