# A TaskGroup is entered once; a task's result is its coroutine's own; and an except* handler
# around a TaskGroup that raises its part again leaves the group as it was.
import asyncio


async def hasta(ad, süre, hata=None):
    await asyncio.sleep(süre)
    if hata:
        raise hata(f"{ad}: sorun")
    return ad


async def main():
    tg = asyncio.TaskGroup()
    async with tg:
        tg.create_task(hasta("Ali", 0.1))
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("ikinci kez:", e)

    görev = asyncio.create_task(hasta("Ayşe", 0.1))
    for yöntem in (görev.set_result, görev.set_exception):
        try:
            yöntem(ValueError("elle"))
        except RuntimeError as e:
            print(e)
    print(await görev)

    try:
        try:
            async with asyncio.TaskGroup() as grup:
                grup.create_task(hasta("Can", 0.1, ValueError))
                grup.create_task(hasta("Deniz", 0.2, KeyError))
                grup.create_task(hasta("Ece", 0.3))
        except* ValueError as eg:
            print("değer hatası:", [str(e) for e in eg.exceptions])
            raise
    except ExceptionGroup as e:
        print(repr(e))

    async with asyncio.TaskGroup() as dış:
        async with dış:
            print("iç blok")


asyncio.run(main())
