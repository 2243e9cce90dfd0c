import asyncio

async def main():
print("not indented")

asyncio.run(main())
