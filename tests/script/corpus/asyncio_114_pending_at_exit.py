# The seeds' style: a loop run by hand and closed. A task still pending when the program ends
# is reported by its loop as "destroyed but pending", unless a variable still holds it; on a
# loop left open it goes without a word.
import asyncio


async def heartbeat(name):
    while True:
        print(name, "beat")
        await asyncio.sleep(0.1)


async def main():
    asyncio.create_task(heartbeat("forgotten"))
    await asyncio.sleep(0.25)
    print("main is done")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
kept = loop.create_task(heartbeat("kept"))
loop.run_until_complete(main())
loop.close()
print("loop closed:", loop.is_closed(), "| kept done:", kept.done())
