# asyncio.run's coroutine runs in a task of its own (Task-1), which ends as any task does:
# its done callbacks run, another task may await it, and after the run it is done.
import asyncio

ana_gorev = None


async def izleyici(gorev):
    print("izleyici bekliyor:", gorev.get_name())
    sonuc = await gorev
    print("izleyici aldı:", sonuc)


async def main():
    global ana_gorev
    ana_gorev = asyncio.current_task()
    ana_gorev.add_done_callback(lambda t: print("ana görev bitti:", t.result()))
    asyncio.create_task(izleyici(ana_gorev))
    await asyncio.sleep(0.1)
    print("main dönüyor")
    return "rapor"


print(asyncio.run(main()))
print(ana_gorev.done(), ana_gorev.result())
print(ana_gorev)


async def ikinci():
    return asyncio.current_task().get_name()

print(asyncio.run(ikinci()))
