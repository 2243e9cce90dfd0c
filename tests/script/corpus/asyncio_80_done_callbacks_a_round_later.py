# When is the awaiter of gather, wait, a TaskGroup or shield back? CPython tells them of a
# task's end through a done callback, called soon: they run one loop round after an
# awaited task would. Another task that yields in a loop shows each round.
import asyncio


async def child(n):
    await asyncio.sleep(0)
    return n


async def fails():
    await asyncio.sleep(0)
    raise ValueError("no")


async def spinner(name, rounds):
    for i in range(rounds):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(spinner("spin", 40))
    r = await asyncio.gather(child(1), child(2))
    print("gathered", r)
    try:
        await asyncio.gather(child(3), fails())
    except ValueError as e:
        print("gather raised", e)
    g = asyncio.gather(child(4))
    g.add_done_callback(lambda f: print("gather's callback", f.result()))
    print("gather awaited", await g)
    done, _ = await asyncio.wait([asyncio.create_task(child(5))])
    print("waited", len(done))
    done, pending = await asyncio.wait(
        [asyncio.create_task(child(6)), asyncio.create_task(asyncio.sleep(0.05))],
        return_when=asyncio.FIRST_COMPLETED,
    )
    print("first completed", len(done), len(pending))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(7))
        tg.create_task(child(8))
    print("group done")
    print("shielded", await asyncio.shield(child(9)))
    for c in asyncio.as_completed([asyncio.create_task(child(n)) for n in (10, 11)]):
        print("as completed", await c)
    print("task", await asyncio.create_task(child(12)))
    t.cancel()


asyncio.run(main())
