import asyncio


async def fetch(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} end")
    return name.upper()


async def main():
    results = await asyncio.gather(fetch("slow", 0.3), fetch("fast", 0.1), fetch("mid", 0.2))
    print("results in argument order:", results)
    empty = await asyncio.gather()
    print("empty gather:", empty)
    task = asyncio.create_task(fetch("task", 0.1))
    mixed = await asyncio.gather(task, fetch("coro", 0.15))
    print(mixed)


asyncio.run(main())
