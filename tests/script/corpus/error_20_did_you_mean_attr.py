import asyncio

async def fetch(name):
    print("fetching", name)
    await asyncio.slep(0.5)
    return name.upper()

async def main():
    results = []
    for name in ["a", "b"]:
        results.apend(await fetch(name))
    print(results)

asyncio.run(main())
