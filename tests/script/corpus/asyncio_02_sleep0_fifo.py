import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    print(f"{name} done")


async def main():
    tasks = [asyncio.create_task(worker(n, 3)) for n in "ABC"]
    print("main: three tasks created, none has run yet")
    await asyncio.sleep(0)
    print("main: after one sleep(0), each task ran one step (FIFO)")
    await asyncio.sleep(0)
    print("main: after a second sleep(0)")
    await asyncio.gather(*tasks)
    print("main: all done")


asyncio.run(main())
