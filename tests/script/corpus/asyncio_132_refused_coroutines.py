# A coroutine given to an asyncio call that refuses it is kept by the error's traceback, as
# CPython's frames keep it: its "never awaited" warning comes when the error goes (after the
# handler that caught it, or as the program exits), not where the call was made.
import asyncio


async def hasta(ad):
    await asyncio.sleep(0.1)
    print(ad, "bitti")


async def main():
    try:
        await asyncio.gather([hasta("Ayşe")])
    except TypeError as e:
        print("yakalandı:", e)
    try:
        await asyncio.wait_for(hasta("Ali"), timeout="x")
    except TypeError as e:
        print("yakalandı:", e)
    try:
        asyncio.wait_for(hasta("Can"), "x")
    except TypeError as e:
        print("yakalanmadı")
    print("sonra")


asyncio.run(main())

loop = asyncio.new_event_loop()
loop.close()
try:
    loop.run_until_complete(hasta("Deniz"))
except RuntimeError as e:
    print(e)


async def main2():
    await asyncio.gather([hasta("Ece")])


asyncio.run(main2())
