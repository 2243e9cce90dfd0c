import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    print(f"hello {name}")
    return len(name)


loop = asyncio.get_event_loop()
print("running:", loop.is_running())
n = loop.run_until_complete(greet("world", 0.2))
print("result:", n)
results = loop.run_until_complete(asyncio.gather(greet("a", 0.2), greet("bb", 0.1)))
print("results:", results)
task = loop.create_task(greet("task", 0.1))
print("task done before running the loop:", task.done())
loop.run_until_complete(task)
print("task result:", task.result())
loop.close()
print("closed:", loop.is_closed())
