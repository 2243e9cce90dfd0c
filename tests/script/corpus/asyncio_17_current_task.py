import asyncio


async def report(label):
    print(label, "runs in", asyncio.current_task().get_name())
    await asyncio.sleep(0.1)


async def main():
    print("main task is", asyncio.current_task().get_name())
    await report("direct await")
    await asyncio.create_task(report("create_task"))
    await asyncio.create_task(report("named"), name="worker-7")
    await asyncio.gather(report("gather 1"), report("gather 2"))
    print("all tasks:", sorted(t.get_name() for t in asyncio.all_tasks()))


asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError as e:
    print("outside the loop: RuntimeError:", e)
