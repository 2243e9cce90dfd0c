import asyncio

async def w(n):
    await asyncio.sleep(n)
    return n

async def main():
    done, pending = await asyncio.wait([w(0.1), w(0.2)])
    print(sorted(t.result() for t in done), pending)

asyncio.run(main())
