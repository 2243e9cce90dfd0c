# add_done_callback: the loop calls the function soon after the task ends (finished, failed
# or cancelled), in the order the callbacks and the awaiting tasks came; a callback added to
# a task already done is called soon too; remove_done_callback says how many it removed. An
# exception in a callback is logged and the loop goes on.
import asyncio


def rapor(task):
    if task.cancelled():
        print(f"geri çağrı: {task.get_name()} iptal edildi")
    elif task.exception() is not None:
        print(f"geri çağrı: {task.get_name()} hata verdi: {task.exception()!r}")
    else:
        print(f"geri çağrı: {task.get_name()} -> {task.result()}")


def bozuk(task):
    print("bozuk geri çağrı çalışıyor")
    return 1 / 0


async def is_(sure, hata=False):
    await asyncio.sleep(sure)
    if hata:
        raise KeyError("eksik")
    return sure * 10


async def bekleyen(task):
    print("bekleyen: sonucu bekliyor")
    sonuc = await task
    print("bekleyen: sonuç geldi", sonuc)


async def main():
    a = asyncio.create_task(is_(0.1), name="a")
    b = asyncio.create_task(bekleyen(a), name="b")
    await asyncio.sleep(0)
    a.add_done_callback(rapor)  # after b began to wait: b wakes first
    a.add_done_callback(bozuk)
    h = asyncio.create_task(is_(0.2, hata=True), name="h")
    h.add_done_callback(rapor)
    i = asyncio.create_task(is_(0.3), name="i")
    i.add_done_callback(rapor)
    i.add_done_callback(rapor)
    print("kaldırılan:", i.remove_done_callback(rapor), i.remove_done_callback(bozuk))
    i.add_done_callback(rapor)
    await asyncio.sleep(0.25)
    i.cancel()
    sonuclar = await asyncio.gather(a, b, h, i, return_exceptions=True)
    print("gather:", [type(s).__name__ for s in sonuclar])
    a.add_done_callback(rapor)
    print("bitmiş göreve eklendi")
    await asyncio.sleep(0)
    print("son")


asyncio.run(main())
