# A generator expression that awaits (or has an async for) is an async generator, which a
# plain function or the module may make, as in CPython 3.11.
import asyncio

async def kare(x):
    await asyncio.sleep(0.1)
    return x * x

async def sayılar():
    for i in range(3):
        await asyncio.sleep(0.1)
        yield i

def hazırla():
    return (await kare(x) for x in range(3))

kareler = (k async for k in sayılar() if k % 2 == 0)

async def main():
    print([x async for x in hazırla()])
    print([x async for x in kareler])

asyncio.run(main())
