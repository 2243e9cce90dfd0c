import asyncio
import random

TASKS = 200  # up to 100_000
SECONDS = 2  # each worker's sleeps add up to this
SLEEP_MS = 500  # the longest sleep
YIELDS = 3  # after each sleep
SEED = 1


async def worker(i):
    dice = random.Random(SEED * 10_007 + i)  # each worker's own dice
    slept, rounds = 0.0, 0
    while slept < SECONDS:
        nap = dice.randint(1, SLEEP_MS) / 1000
        await asyncio.sleep(nap)
        slept += nap
        for _ in range(YIELDS):
            await asyncio.sleep(0)  # give up the turn once
        rounds += 1
    return rounds


async def stress():
    print(f"{TASKS} tasks starting, each for {SECONDS} s")
    tasks = [asyncio.create_task(worker(i), name=f"worker_{i}") for i in range(TASKS)]
    rounds = sum(await asyncio.gather(*tasks))
    steps = rounds * (YIELDS + 1) + TASKS  # the steps in which each task ran
    print(f"{TASKS} tasks done: {rounds} rounds, {steps} steps")


asyncio.run(stress())
