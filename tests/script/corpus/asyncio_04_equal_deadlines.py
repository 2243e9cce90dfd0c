import asyncio


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} woke up")


async def late_arm(name, first, then):
    await asyncio.sleep(first)
    print(f"{name} arms its second timer")
    await asyncio.sleep(then)
    print(f"{name} woke up")


async def main():
    # Same deadline (0.5 s), armed in the order C, A, B: they fire in arming order.
    names = ["C", "A", "B"]
    tasks = [asyncio.create_task(sleeper(n, 0.5)) for n in names]
    # X arms a 0.3 s timer at 0.2 s: its deadline is also 0.5 s, but it was armed last.
    tasks.append(asyncio.create_task(late_arm("X", 0.2, 0.3)))
    await asyncio.sleep(0.7)
    print("main woke up")
    await asyncio.gather(*tasks)


asyncio.run(main())
