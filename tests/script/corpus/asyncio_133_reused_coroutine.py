# A coroutine awaited (or closed) already, given to create_task, ensure_future or gather: the
# task is made, and fails at its first step with "cannot reuse already awaited coroutine".
import asyncio
async def hasta(no):
    await asyncio.sleep(0.05)
    return no
async def main():
    c = hasta(1)
    await c
    t = asyncio.create_task(c)
    print("task yapıldı", t.done())
    await asyncio.sleep(0)
    print(t.done(), repr(t.exception()))
    liste = [hasta(i) for i in range(3)]
    print(await asyncio.gather(*liste))
    g = asyncio.gather(*liste)
    print("gather döndü")
    try:
        await g
    except RuntimeError as e:
        print("hata:", e)
    k = hasta(5)
    k.close()
    t2 = asyncio.ensure_future(k)
    await asyncio.sleep(0)
    print(repr(t2.exception()))
    await asyncio.gather(*liste)
asyncio.run(main())
