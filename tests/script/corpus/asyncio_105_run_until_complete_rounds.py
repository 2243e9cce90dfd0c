# run_until_complete runs its coroutine as a task queued behind what is ready already (a
# call_soon, a task made before), and its loop stops only after the round in which it ended:
# the tasks the coroutine made take their first step (the seed's multiconnect, printing first).
import asyncio
async def connect(i):
    print("bağlandı", i)
async def wrapper(delay, coro):
    print("bekleniyor", delay)
    await asyncio.sleep(delay)
    return await coro
async def multiconnect():
    for i in range(3):
        asyncio.create_task(wrapper(0.4 * i, connect(i)))
async def ana():
    print("ana")
async def x(n):
    print("başladı", n)
    await asyncio.sleep(0.1)
    print("bitti", n)
loop = asyncio.new_event_loop()
loop.call_soon(print, "soon")
loop.run_until_complete(ana())
t = loop.create_task(x("önceden"))
loop.run_until_complete(x("ana"))
print(t.done(), t.get_name())
loop.run_until_complete(multiconnect())
print("son")
