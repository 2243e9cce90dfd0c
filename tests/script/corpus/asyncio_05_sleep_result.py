import asyncio


async def main():
    value = await asyncio.sleep(0.2, result="ready")
    print("sleep returned", repr(value))
    nothing = await asyncio.sleep(0.1)
    print("plain sleep returned", nothing)
    items = await asyncio.gather(asyncio.sleep(0.3, "slow"), asyncio.sleep(0.1, result="fast"))
    print(items)


asyncio.run(main())
