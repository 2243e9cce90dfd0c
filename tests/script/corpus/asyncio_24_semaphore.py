import asyncio

sem = asyncio.Semaphore(2)


async def worker(name, seconds):
    print(f"{name} waiting")
    async with sem:
        print(f"{name} enters")
        await asyncio.sleep(seconds)
        print(f"{name} leaves")


async def main():
    jobs = [("A", 0.3), ("B", 0.45), ("C", 0.2), ("D", 0.35), ("E", 0.1)]
    await asyncio.gather(*(worker(n, s) for n, s in jobs))
    print("all done, locked?", sem.locked())


asyncio.run(main())
