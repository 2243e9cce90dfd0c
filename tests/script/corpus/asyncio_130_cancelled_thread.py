# A cancelled to_thread: its thread runs on (a thread cannot be cancelled), and what it raises
# later is dropped with the cancelled future, as CPython drops it; a gather of two failing
# threads reports the first error only.
import asyncio
import time

def f(n=0.2):
    time.sleep(n)
    raise OSError("x")

async def main():
    t = asyncio.create_task(asyncio.to_thread(f))
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.sleep(0.2)
    print("bitti", t.cancelled())
    try:
        await asyncio.gather(asyncio.to_thread(f, 0.1), asyncio.to_thread(f, 0.2))
    except OSError as e:
        print("hata", e)
    await asyncio.sleep(0.3)

asyncio.run(main())
