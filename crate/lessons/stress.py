import asyncio
import random

TASKS = 200  # 100_000'e kadar
SECONDS = 2  # her işçinin uykuları bu süreyi doldurur
SLEEP_MS = 500  # en uzun uyku
YIELDS = 3  # her uykudan sonra
SEED = 1


async def worker(i):
    dice = random.Random(SEED * 10_007 + i)  # her işçinin kendi zarı
    slept, rounds = 0.0, 0
    while slept < SECONDS:
        nap = dice.randint(1, SLEEP_MS) / 1000
        await asyncio.sleep(nap)
        slept += nap
        for _ in range(YIELDS):
            await asyncio.sleep(0)  # sırayı bir kez bırak
        rounds += 1
    return rounds


async def stress():
    print(f"{TASKS} görev başlıyor, her biri {SECONDS} sn boyunca")
    tasks = [asyncio.create_task(worker(i), name=f"worker_{i}") for i in range(TASKS)]
    rounds = sum(await asyncio.gather(*tasks))
    steps = rounds * (YIELDS + 1) + TASKS  # her görevin çalıştığı adımlar
    print(f"{TASKS} görev bitti: {rounds} tur, {steps} adım")


asyncio.run(stress())
