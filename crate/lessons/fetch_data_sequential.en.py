import asyncio


async def fetch_data(delay):
    print(f"Fetching data with a {delay} second delay")
    await asyncio.sleep(delay)
    print("Data fetched")
    return f"data after {delay} seconds"


# Not in the seed: the same two requests, without tasks, awaited one after the other.
async def main():
    print("Main program starting")
    result1 = await fetch_data(2)
    result2 = await fetch_data(3)
    print(result1)
    print(result2)
    print("Main program done")


if __name__ == "__main__":
    asyncio.run(main())
