# A coroutine called without await in an if's or a while's test is freed, and warned about,
# as the test is done, before the branch runs (CPython names the if's line).
import asyncio
async def ready():
    return False
async def main():
    if ready():
        print("yes")
    while ready():
        print("loop")
        break
    x = 1 if ready() else 2
    print(x)
asyncio.run(main())
if ready():
    print("module yes")
