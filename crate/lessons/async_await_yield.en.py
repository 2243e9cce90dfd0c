import asyncio

# Not in the seed: while main waits, the loop runs another task.
async def background():
    for step in range(1, 4):
        print(f"Background work: step {step}")
        await asyncio.sleep(0.5)

async def main():
    task = asyncio.create_task(background())
    print("main is waiting (await)")
    await asyncio.sleep(3)  # main lets go of the loop; background runs meanwhile
    print("main woke up")
    await task

asyncio.run(main())
