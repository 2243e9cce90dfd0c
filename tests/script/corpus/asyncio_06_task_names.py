import asyncio


async def job(n):
    await asyncio.sleep(0.1 * n)
    me = asyncio.current_task()
    print(f"{me.get_name()} finished")
    return n


async def main():
    named = asyncio.create_task(job(1), name="downloader")
    unnamed = asyncio.create_task(job(2))
    print("names:", named.get_name(), unnamed.get_name())
    unnamed.set_name("renamed")
    print("after set_name:", unnamed.get_name())
    print(await named, await unnamed)
    third = asyncio.create_task(job(0))
    print("third:", third.get_name())
    await third


asyncio.run(main())
