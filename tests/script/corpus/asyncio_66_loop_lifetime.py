# What asyncio.run does as it ends, and details of the loop's callbacks. Once main returns,
# asyncio.run cancels the tasks left, waits for the executor's threads (they cannot be
# cancelled), runs the callbacks already due, then closes the loop: a call_later not yet due
# never runs, in this loop or a later one. call_later(0) waits behind a call_soon made after it
# (a due timer joins the end of the ready queue). A cancel that finds the awaited future done
# already still lands in the task. A thread takes no Task-N number; an object with __call__ is
# a callback like a function; there is one loop object.
import asyncio
import time


def is_(sure):
    time.sleep(sure)
    print("iş parçacığı bitti")


class Sayac:
    def __init__(self):
        self.n = 0

    def __call__(self, ad):
        self.n += 1
        print("sayaç", ad, self.n)


async def ilk():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.add_done_callback(lambda f: print("geri çağrı", f.result()))
    f.set_result(3)
    loop.call_soon(print, "soon")
    loop.call_later(0.5, print, "geç: hiç çalışmaz")
    loop.run_in_executor(None, is_, 0.1)
    print("ilk dönüyor")


async def bekleyen(f):
    sonuc = await f
    print("bekleyen aldı", sonuc)
    await asyncio.sleep(0)
    print("bekleyen sürüyor")


async def bos():
    pass


async def ikinci():
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, "later0")
    loop.call_soon(print, "soon")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    sayac = Sayac()
    loop.call_soon(sayac, "a")
    loop.call_later(0.05, sayac, "b")
    await asyncio.sleep(0.1)

    f = loop.create_future()
    t = asyncio.create_task(bekleyen(f))
    await asyncio.sleep(0)
    f.set_result(1)
    print("cancel:", t.cancel())
    await asyncio.gather(t, return_exceptions=True)
    print("iptal edildi:", t.cancelled())

    is_parcacigi = loop.run_in_executor(None, time.sleep, 0.05)
    g = asyncio.create_task(bos())
    print(g.get_name())
    await is_parcacigi
    print(f.get_loop() is loop, asyncio.get_event_loop() is loop)


asyncio.run(ilk())
print("arada")
asyncio.run(ikinci())
print("son")
