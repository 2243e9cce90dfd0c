import asyncio

async def fetch(url, delay):
    await asyncio.sleep(delay)
    return f"{url} ({delay}s)"

async def main():
    coros = [fetch("a.com", 0.3), fetch("b.com", 0.1), fetch("c.com", 0.2)]
    for i, fut in enumerate(asyncio.as_completed(coros), start=1):
        res = await fut
        print(f"#{i}: {res}")
    try:
        for fut in asyncio.as_completed([fetch("slow.com", 1), fetch("fast.com", 0.1)], timeout=0.5):
            print("got", await fut)
    except asyncio.TimeoutError:
        print("as_completed timed out")
    await asyncio.sleep(1)
    print("end")

asyncio.run(main())
