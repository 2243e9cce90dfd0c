# repr(task), as CPython 3.11 prints it: its state (pending, cancelling, finished, cancelled),
# name, coroutine (the line it is at, or where it is defined once done), what it waits for
# (asyncio's future, another task, a gather's future) and its callbacks; a result is cut
# as reprlib cuts it.
import asyncio


def bitince(gorev):
    pass


async def yardimci():
    await asyncio.sleep(0.1)
    return "yardım"


async def isci(n):
    sonuc = await yardimci()
    return sonuc * n


async def bekleyen(t):
    return await t


async def uzun():
    await asyncio.sleep(0)
    return list(range(20))


async def bozuk():
    raise ValueError("olmadı")


async def main():
    t = asyncio.create_task(isci(2), name="işçi")
    print(t)
    await asyncio.sleep(0)
    print(t)
    t.add_done_callback(bitince)
    b = asyncio.create_task(bekleyen(t), name="bekleyen")
    await asyncio.sleep(0)
    print(b)
    print(t)
    await t
    print(t)
    print(b)
    u = asyncio.create_task(uzun())
    await u
    print(u)
    f = asyncio.create_task(bozuk(), name="bozuk")
    await asyncio.sleep(0)
    print(f)
    f.exception()
    s = asyncio.create_task(isci(1), name="uyuyan")
    await asyncio.sleep(0)
    s.cancel()
    print(s)
    await asyncio.sleep(0)
    print(s)
    g = asyncio.gather(yardimci(), yardimci())
    print(g)
    gb = asyncio.create_task(bekleyen(g), name="toplayan")
    await asyncio.sleep(0)
    print(gb)
    await gb
    print(g)
    print(asyncio.create_task(bekleyen(g), name="o'nun"))


asyncio.run(main())
