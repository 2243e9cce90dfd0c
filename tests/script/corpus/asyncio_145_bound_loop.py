import asyncio

# A queue (or a lock, an event) made at the top of the program is bound to the event loop of
# the first asyncio.run that waits on it: a second asyncio.run cannot wait on it.
kuyruk = asyncio.Queue()
olay = asyncio.Event()

async def ilk():
    görev = asyncio.create_task(kuyruk.get())
    await asyncio.sleep(0)
    kuyruk.put_nowait("sipariş")
    print("ilk:", await görev)
    asyncio.get_running_loop().call_later(0.1, olay.set)
    await olay.wait()
    print("olay geldi")

async def ikinci():
    kuyruk.put_nowait("hazır")  # no wait: fine
    print("ikinci:", kuyruk.get_nowait())
    try:
        await kuyruk.get()
    except RuntimeError as e:
        print("hata:", type(e).__name__, str(e).endswith("is bound to a different event loop"))

asyncio.run(ilk())
asyncio.run(ikinci())
