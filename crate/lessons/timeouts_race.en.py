import asyncio

# Not in the seed: two requests race, the first reply wins.
async def fetch(server, seconds):
    print(f"Request sent to server {server}")
    await asyncio.sleep(seconds)
    print(f"{server} replied")
    return server

async def main():
    a = asyncio.create_task(fetch("A", 3), name="fetch A")
    b = asyncio.create_task(fetch("B", 0.5), name="fetch B")
    done, pending = await asyncio.wait({a, b}, return_when=asyncio.FIRST_COMPLETED)
    print(f"Winner: server {done.pop().result()}'s reply")
    for loser in pending:
        loser.cancel()
    print("The losing request was cancelled")

asyncio.run(main())
