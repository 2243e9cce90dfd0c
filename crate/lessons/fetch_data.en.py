import asyncio


async def fetch_data(delay):
    print(f"Fetching data with a {delay} second delay")

    # Simulates I/O-bound work such as a network request
    await asyncio.sleep(delay)

    print("Data fetched")
    return f"data after {delay} seconds"


async def main():
    print("Main program starting")

    # Schedule the two tasks to run concurrently
    task1 = asyncio.create_task(fetch_data(2))
    task2 = asyncio.create_task(fetch_data(3))

    # Wait until both tasks are done
    result1, result2 = await asyncio.gather(task1, task2)

    print(result1)
    print(result2)
    print("Main program done")


if __name__ == "__main__":
    asyncio.run(main())
