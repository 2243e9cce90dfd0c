import asyncio

async def work(i):
    await asyncio.sleep(0.1)
    print("work", i)

async def main():
    for i in range(3):
        work(i)  # warned once for this line, as CPython's warning filter does
    await asyncio.sleep(0.2)
    s = {3, 1, 2}
    print(s.pop(), s)

asyncio.run(main())
