# asyncio.gather returns a future: its tasks run whether or not it is awaited; it can be
# awaited twice; done(), result(), exception() and add_done_callback work on it; its cancel()
# cancels its tasks and awaiting it then raises CancelledError, though cancelled() stays
# False (its exception is the CancelledError).
import asyncio


async def pisir(yemek, sure):
    try:
        print(f"{yemek} ocakta")
        await asyncio.sleep(sure)
        print(f"{yemek} pişti")
        return yemek.upper()
    except asyncio.CancelledError:
        print(f"{yemek} ocaktan alındı")
        raise


async def main():
    sofra = asyncio.gather(pisir("çorba", 0.1), pisir("pilav", 0.2))
    print("bitti mi?", sofra.done())
    try:
        sofra.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    sofra.add_done_callback(lambda f: print("sofra hazır:", f.result()))
    await asyncio.sleep(0.3)
    print("beklemeden bitti:", sofra.done(), sofra.result(), sofra.exception())
    print("iki kez:", await sofra, await sofra)

    menu = asyncio.gather(pisir("kebap", 1), pisir("tatlı", 2))
    await asyncio.sleep(0.5)
    print("iptal:", menu.cancel("misafir gitti"))
    try:
        await menu
    except asyncio.CancelledError as e:
        print("menu:", repr(e), "cancelled() =", menu.cancelled(), "done() =", menu.done())
    print("tekrar iptal:", menu.cancel())

    ic = asyncio.gather(pisir("ayran", 0.1), pisir("salata", 0.15))
    dis = asyncio.gather(ic, pisir("ekmek", 0.05))
    print(await dis)


asyncio.run(main())
