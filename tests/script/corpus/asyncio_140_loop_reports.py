# Where asyncio's own reports go: through logging once it is configured (here with
# style="{"), to a handler set on the loop, or to a handler called by hand; a thread is
# no task and runs no loop; an executor's thread has a context of its own.
import asyncio
import contextvars
import logging

logging.basicConfig(format="{levelname:<7}|{name}|{message}", style="{")
log = logging.getLogger("klinik")
hasta_adı = contextvars.ContextVar("hasta_adı", default="yok")


async def patlayan(ad):
    raise ValueError(f"{ad} dosyası kayıp")


def iş_parçacığı():
    try:
        asyncio.current_task()
    except RuntimeError as e:
        print("thread içinde:", e)
    return hasta_adı.get()


async def bekleyen(fut):
    await fut


async def main():
    log.warning("açılış %s", "09:00")
    asyncio.create_task(patlayan("Ayşe"))
    await asyncio.sleep(0.1)

    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda l, bağlam: print("YAKALANDI:", bağlam["message"], repr(bağlam.get("exception"))))
    asyncio.create_task(patlayan("Mehmet"))
    await asyncio.sleep(0.1)
    loop.call_exception_handler({"message": "elle çağrıldı"})
    print("handler'dan sonra")
    loop.set_exception_handler(None)

    hasta_adı.set("Zeynep")
    iş = asyncio.create_task(asyncio.to_thread(iş_parçacığı))
    await asyncio.sleep(0)
    print("görevler:", sorted(t.get_name() for t in asyncio.all_tasks()))
    print("to_thread bağlamı:", await iş)
    print("executor bağlamı:", await loop.run_in_executor(None, iş_parçacığı))

    fut = loop.create_future()
    t = asyncio.create_task(bekleyen(fut))
    await asyncio.sleep(0)
    fut.set_exception(ValueError("sonuç gelmedi"))
    t.cancel()
    print(await asyncio.gather(t, return_exceptions=True))


asyncio.run(main())
