import asyncio


async def compute(x):
    await asyncio.sleep(0.1)
    return x * 2


async def main():
    print("main started")
    value = await compute(21)
    print("compute returned", value)
    return "main's result"


result = asyncio.run(main())
print("asyncio.run returned:", result)
print("second run:", asyncio.run(compute(5)))
coro = compute(1)
print(type(coro).__name__)
print("third run:", asyncio.run(coro))
