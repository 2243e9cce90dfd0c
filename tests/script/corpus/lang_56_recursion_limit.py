import asyncio


def deepest(n=1):
    # how deep a recursion goes from here before RecursionError
    try:
        return deepest(n + 1)
    except RecursionError:
        return n


async def deepest_async(n=1):
    try:
        return await deepest_async(n + 1)
    except RecursionError:
        return n


def in_a_function():
    return deepest()


async def main():
    print("in main:", deepest(), await deepest_async())
    print("in a task:", await asyncio.create_task(deepest_async()))


print("module:", deepest(), "in a function:", in_a_function())
asyncio.run(main())
loop = asyncio.new_event_loop()
print("run_until_complete:", loop.run_until_complete(deepest_async()))


def forever(n):
    return forever(n + 1)


forever(0)
