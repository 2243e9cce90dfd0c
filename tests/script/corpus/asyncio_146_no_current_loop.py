# After asyncio.run no event loop is current: ensure_future, gather and Future() outside a
# loop say so, as in CPython 3.11; a Queue needs none until it waits.
import asyncio

async def a():
    return "a"

asyncio.run(a())
try:
    f = asyncio.ensure_future(a())
    print("ensure_future oldu")
except RuntimeError as e:
    print("ensure_future:", e)
try:
    fut = asyncio.Future()
    print("Future oldu")
except RuntimeError as e:
    print("Future:", e)
try:
    q = asyncio.Queue()
    print("Queue oldu")
except RuntimeError as e:
    print("Queue:", e)
try:
    asyncio.gather(a())
except RuntimeError as e:
    print("gather:", e)
