import asyncio

async def w(n):
    await asyncio.sleep(n)
    return n

async def main():
    t1 = asyncio.create_task(w(0.1))
    t2 = asyncio.create_task(w(0.5))
    g = asyncio.gather(t1, t2)
    await asyncio.sleep(0.2)
    t2.cancel()
    try:
        print(await g)
    except asyncio.CancelledError:
        print("gather raised CancelledError")
    print(t1.result(), t2.cancelled())
    t3 = asyncio.create_task(w(0.1))
    t4 = asyncio.create_task(w(0.3))
    await asyncio.sleep(0.2)
    t4.cancel()
    print(await asyncio.gather(t3, t4, return_exceptions=True))

asyncio.run(main())
