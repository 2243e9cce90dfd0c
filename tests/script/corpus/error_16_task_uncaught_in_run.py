import asyncio


async def step(n):
    await asyncio.sleep(0.1)
    if n == 3:
        raise ValueError(f"step {n} failed")
    print(f"step {n} ok")


async def main():
    for n in range(1, 5):
        await step(n)


asyncio.run(main())
