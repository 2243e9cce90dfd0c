# gather, wait and a TaskGroup wake the task awaiting them once, after the callbacks of the
# task that completes them; asyncio's classes and errors name their module; a typo on a
# task or a lock gets a suggestion; wait_for without its timeout is refused.
import asyncio


async def work(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    tasks = [asyncio.create_task(work(n), name=f"w{n}") for n in (1, 2)]
    for t in tasks:
        t.add_done_callback(lambda t: print("done:", t.get_name()))
    print(await asyncio.gather(*tasks))
    tasks = [asyncio.create_task(work(n)) for n in (1, 2)]
    for t in tasks:
        t.add_done_callback(lambda t: print("waited:", t.result()))
    done, pending = await asyncio.wait(tasks)
    print(len(done), len(pending))
    async with asyncio.TaskGroup() as tg:
        for n in (2, 1):
            tg.create_task(work(n)).add_done_callback(lambda t: print("group:", t.result()))
    print("group done")
    print(type(asyncio.Lock()), type(asyncio.Queue()), asyncio.CancelledError)
    print(type(asyncio.current_task()).__module__)
    for mistake in (lambda: asyncio.current_task().canceled(), lambda: asyncio.Lock().aquire()):
        try:
            mistake()
        except AttributeError as e:
            print(e)
    try:
        await asyncio.wait_for(work(1))
    except TypeError as e:
        print(e)
    asyncio.Queue().get_nowait()


asyncio.run(main())
