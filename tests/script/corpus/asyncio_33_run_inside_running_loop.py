import asyncio

async def hello(n):
    await asyncio.sleep(0.1)
    print("hello", n)
    return n

print(asyncio.run(hello(1)))
print(asyncio.run(hello(2)))

async def outer():
    asyncio.run(hello(3))

asyncio.run(outer())
