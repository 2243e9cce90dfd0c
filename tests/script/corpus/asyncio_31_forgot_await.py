import asyncio

async def say(msg):
    await asyncio.sleep(0.1)
    print(msg)

async def main():
    say("hello")  # forgot await
    print("main continues")
    await asyncio.sleep(0.2)
    await say("world")

asyncio.run(main())
