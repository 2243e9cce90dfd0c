# asyncio.timeout (3.11): at its deadline the task in the block is cancelled where it waits,
# and the block's exit turns that CancelledError into TimeoutError. timeout(None) never
# expires; reschedule() moves the deadline; expired() says whether it fired; of two nested
# blocks the one that expired raises TimeoutError. Uncaught, its traceback shows the
# CancelledError it was raised from.
import asyncio


async def indir(dosya, sure):
    try:
        await asyncio.sleep(sure)
        print(f"{dosya} indi")
    except asyncio.CancelledError:
        print(f"{dosya} yarıda kesildi")
        raise


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.3):
            await indir("büyük.zip", 1)
    except TimeoutError:
        print("0.3 s doldu")
    async with asyncio.timeout(0.5) as zaman:
        await indir("küçük.txt", 0.1)
    print("süre doldu mu?", zaman.expired())
    async with asyncio.timeout(None):
        await indir("sınırsız.iso", 0.2)
    try:
        async with asyncio.timeout(0.1) as zaman:
            zaman.reschedule(loop.time() + 0.4)
            await indir("ertelenen.mp4", 0.3)
            await indir("ikinci.mp4", 0.3)
    except TimeoutError:
        print("ertelenmiş süre doldu:", zaman.expired())
    try:
        zaman.reschedule(None)
    except RuntimeError as e:
        print("RuntimeError:", e)
    async with asyncio.timeout(1):
        try:
            async with asyncio.timeout(0.2):
                await indir("iç.dat", 0.5)
        except TimeoutError:
            print("iç blok doldu, dış blok sürüyor")
        await indir("dış.dat", 0.1)
    async with asyncio.timeout(0.2):
        await indir("son.bin", 1)


asyncio.run(main())
