import asyncio
import random


async def worker(name):
    delay = round(random.uniform(0.1, 0.5), 1)
    print(f"{name} sleeps {delay} s")
    await asyncio.sleep(delay)
    print(f"{name} woke")


async def main():
    random.seed(42)
    print(random.random(), random.randint(1, 6), random.uniform(1, 2))
    print(random.choice(["rock", "paper", "scissors"]), random.randrange(0, 100, 5))
    deck = list(range(8))
    random.shuffle(deck)
    print(deck, random.sample(range(20), 3))
    random.seed(1)
    await asyncio.gather(*(worker(n) for n in "ABC"))
    random.seed(42)
    print("same again:", random.random())


asyncio.run(main())
