import asyncio

lock = asyncio.Lock()


async def user(name, hold):
    print(f"{name} wants the lock")
    async with lock:
        print(f"{name} has the lock")
        await asyncio.sleep(hold)
    print(f"{name} released it")


async def main():
    await asyncio.gather(user("A", 0.3), user("B", 0.2), user("C", 0.1))
    print("locked now?", lock.locked())
    await lock.acquire()
    print("acquired by hand, locked?", lock.locked())
    lock.release()
    print("released, locked?", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
