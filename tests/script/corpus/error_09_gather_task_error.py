import asyncio


async def download(name, delay, broken=False):
    print(f"{name}: start")
    await asyncio.sleep(delay)
    if broken:
        raise ConnectionError(f"{name}: connection reset")
    print(f"{name}: done")
    return name


async def main():
    pages = await asyncio.gather(
        download("index", 0.2),
        download("about", 0.3, broken=True),
        download("blog", 0.5),
    )
    print(pages)


asyncio.run(main())
