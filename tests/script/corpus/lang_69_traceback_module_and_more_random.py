# traceback.print_exc() and format_exc() in an except block, as error-handling tutorials log a
# failure and go on; random's expovariate and triangular, seeded.
import asyncio
import random
import traceback

random.seed(5)
print([round(random.expovariate(2.0), 6) for _ in range(3)])
print([round(random.triangular(1, 10), 6) for _ in range(3)], round(random.triangular(0, 1, 0.2), 6), random.triangular(3, 3))
r = random.Random(9)
print(round(r.expovariate(0.5), 6), round(r.triangular(), 6))
print(repr(traceback.format_exc()))


async def fetch(n):
    await asyncio.sleep(0.1)
    if n == 2:
        raise ConnectionError(f"server {n} did not answer")
    return n


async def main():
    for n in range(1, 4):
        try:
            print("got", await fetch(n))
        except ConnectionError:
            print("logging it and going on:")
            traceback.print_exc()
            text = traceback.format_exc()
            print(text.splitlines()[-1])


asyncio.run(main())
