# task.cancelling() counts the cancels asked for (two cancel() calls: 2, one CancelledError);
# uncancel() takes one back, so a task that handles its cancel can go on. A task cancelled
# from outside inside an asyncio.timeout block ends cancelled: its timeout has not expired, so
# the block does not turn the CancelledError into TimeoutError.
import asyncio


async def inatci():
    for adim in range(3):
        try:
            await asyncio.sleep(0.2)
            print("adım", adim, "tamam")
        except asyncio.CancelledError as e:
            ben = asyncio.current_task()
            print("iptal:", e.args, "cancelling =", ben.cancelling())
            print("uncancel ->", ben.uncancel())
    return "inatçı bitti"


async def sureli():
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError:
        print("olmamalı: TimeoutError")


async def main():
    t = asyncio.create_task(inatci())
    await asyncio.sleep(0.1)
    print(t.cancel(), t.cancel("ikinci"), t.cancelling())
    await asyncio.sleep(0.3)
    print("tekrar:", t.cancel("üçüncü"), t.cancelling())
    print(await t, "cancelled =", t.cancelled(), "cancelling =", t.cancelling())
    print("bitmiş görev:", t.cancel(), t.cancelling(), t.uncancel(), t.uncancel())
    s = asyncio.create_task(sureli())
    await asyncio.sleep(0.1)
    s.cancel()
    try:
        await s
    except asyncio.CancelledError:
        print("sureli iptal edildi:", s.cancelled(), s.cancelling())


asyncio.run(main())
