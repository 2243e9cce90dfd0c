import asyncio

# Not in the seed: wait_for on its own (the seed uses it inside the websocket loop).
async def operation(seconds):
    print(f"Operation started, takes {seconds} s")
    await asyncio.sleep(seconds)
    print("Operation done")
    return f"result of the {seconds} second operation"

async def main():
    for seconds in (3, 0.5):
        try:
            result = await asyncio.wait_for(operation(seconds), timeout=1)
            print(result)
        except asyncio.TimeoutError:
            print("Timeout: the operation did not finish in 1 s and was cancelled")

asyncio.run(main())
