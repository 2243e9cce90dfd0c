# asyncio.Barrier (3.11): a number of tasks ("parties") meet. Each wait() returns the order it
# came in, once the last one has come; the barrier then empties and fills again for the next
# round. abort() breaks it: whoever waits, and whoever comes later, gets BrokenBarrierError.
# reset() sends the waiters away with BrokenBarrierError and makes it ready for a new round.
import asyncio


async def isci(ad, bariyer, sure):
    await asyncio.sleep(sure)
    print(f"{ad}: geldi, bekleyen {bariyer.n_waiting}")
    sira = await bariyer.wait()
    print(f"{ad}: geçti, sıra {sira}")


async def kirilan(ad, bariyer):
    try:
        async with bariyer as sira:
            print(ad, "geçti", sira)
    except asyncio.BrokenBarrierError as e:
        print(f"{ad}: kırıldı: {e!r}")


async def main():
    b = asyncio.Barrier(3)
    print(b.parties, b.n_waiting, b.broken)
    await asyncio.gather(*(isci(f"i{k}", b, 0.05 * k) for k in range(3)))
    await asyncio.gather(*(isci(f"j{k}", b, 0.05 * (2 - k)) for k in range(3)))
    print("tur bitti:", b.n_waiting, b.broken)

    b2 = asyncio.Barrier(2)
    t = asyncio.create_task(kirilan("a", b2))
    await asyncio.sleep(0.05)
    print("bekleyen:", b2.n_waiting)
    await b2.abort()
    await t
    print("kırık:", b2.broken)
    await kirilan("b", b2)

    b3 = asyncio.Barrier(2)
    t3 = asyncio.create_task(kirilan("c", b3))
    await asyncio.sleep(0.05)
    await b3.reset()
    await t3
    print("reset sonrası:", b3.broken, b3.n_waiting)
    await asyncio.gather(kirilan("d", b3), kirilan("e", b3))
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
