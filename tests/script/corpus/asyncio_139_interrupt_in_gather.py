# A KeyboardInterrupt raised in a gathered task stops the loop at once: the others are
# cancelled, asyncio.run raises it, and the task's own error is reported as never retrieved.
import asyncio


async def sayaç(ad, n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            print(ad, i)
        if ad == "B":
            raise KeyboardInterrupt
        return ad
    except asyncio.CancelledError:
        print(ad, "iptal edildi")
        raise


async def main():
    sonuçlar = await asyncio.gather(sayaç("A", 5), sayaç("B", 2), return_exceptions=True)
    print("gelmez", sonuçlar)


asyncio.run(main())
