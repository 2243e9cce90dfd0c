# A unit written after a number: CPython marks the number's last digit.
import asyncio


async def main():
    gecikme = 100ms
    await asyncio.sleep(gecikme)


asyncio.run(main())
