import asyncio

async def hasta(numara, sure):
    print(f"hasta {numara} muayenede")
    await asyncio.sleep(sure)
    print(f"hasta {numara} çıktı")
    return numara * 10

async def hatali(sure):
    await asyncio.sleep(sure)
    raise ValueError(f"{sure} s sonra hata")

async def main():
    # Every task of the group has ended when the block is left.
    async with asyncio.TaskGroup() as tg:
        gorevler = [tg.create_task(hasta(i, 0.1 * i), name=f"hasta-{i}") for i in range(1, 4)]
        print("görevler oluşturuldu:", [g.get_name() for g in gorevler])
    print("sonuçlar:", [g.result() for g in gorevler])

    # The first task to fail cancels the others, and the block's own body.
    try:
        async with asyncio.TaskGroup() as tg:
            uzun = tg.create_task(hasta(9, 1))
            tg.create_task(hatali(0.2))
            await asyncio.sleep(5)
            print("buraya gelinmez")
    except ExceptionGroup as eg:
        print("yakalandı:", eg)
        print("içindekiler:", eg.exceptions, repr(eg))
        print("uzun görev iptal edildi mi:", uzun.cancelled())

    # An error in the block's body joins the group too.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(hasta(7, 0.1))
            raise KeyError("gövde")
    except ExceptionGroup as eg:
        print("gövdeden:", eg.exceptions)

asyncio.run(main())
