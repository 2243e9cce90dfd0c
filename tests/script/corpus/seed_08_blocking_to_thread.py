# corpus: not code in the seed (seed 004 section 4 describes asyncio.to_thread in prose only).
import asyncio
import time


def engelleyici_is(saniye):
    time.sleep(saniye)  # engelleyici (senkron) kod
    return f"{saniye} saniyelik iş bitti"


async def kalp_atisi():
    for i in range(1, 5):
        print(f"tık {i}")
        await asyncio.sleep(0.3)


async def main():
    print("Doğrudan çağrı: engelleyici iş döngüyü durduruyor")
    kalp = asyncio.create_task(kalp_atisi())
    await asyncio.sleep(0.1)
    print(engelleyici_is(1.0))
    await kalp
    print("asyncio.to_thread ile: döngü çalışmaya devam ediyor")
    sonuc, _ = await asyncio.gather(asyncio.to_thread(engelleyici_is, 1.0), kalp_atisi())
    print(sonuc)


asyncio.run(main())
