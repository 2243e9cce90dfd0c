# Tasks main created and never awaited: when main returns, asyncio.run lets what is ready take
# its step (each task runs up to its first await), then cancels what is left, whose finally
# blocks run. Done callbacks, and the callbacks they schedule, still run, with the loop still
# running. A common slip: forgetting to await the tasks you made.
import asyncio


async def selamla(ad):
    print(f"{ad}: başladı")
    try:
        await asyncio.sleep(1)
        print(f"{ad}: bitti")
    finally:
        print(f"{ad}: temizlik")


def bitince(t):
    print("geri çağrı: iptal edildi mi?", t.cancelled())
    asyncio.get_running_loop().call_soon(print, "geri çağrının çağrısı")


async def main():
    t = asyncio.create_task(selamla("a"))
    t.add_done_callback(bitince)
    asyncio.create_task(selamla("b"))
    print("main: bitti, görevleri beklemeden")


asyncio.run(main())
print("son")
