# A comma forgotten between two items on separate lines: CPython's hint underlines the whole
# first line
import asyncio

async def main():
    sonuclar = await asyncio.gather(
        asyncio.sleep(0.1, "bir")
        asyncio.sleep(0.2, "iki"),
    )
    print(sonuclar)

asyncio.run(main())
