# A forgotten await before a future that is iterated: a future's __iter__ is its __await__, so
# a pending one gives itself, then "await wasn't used with future"; a done one gives nothing.
# The gather left behind is cancelled as asyncio.run shuts down, chained to main's error.
import asyncio
async def f(i):
    await asyncio.sleep(0.05); return i
async def main():
    try:
        for sonuç in asyncio.gather(f(1), f(2)):   # forgot await
            print(sonuç)
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        a, b = asyncio.create_task(f(3))
    except RuntimeError as e:
        print("RuntimeError", e)
    t = asyncio.create_task(f(4))
    await t
    print(list(t), [x for x in t])
    try:
        a, b = t
    except ValueError as e:
        print("ValueError", e)
    await asyncio.sleep(0.1)
asyncio.run(main())

async def f(i):
    await asyncio.sleep(0.05); return i
async def main2():
    for sonuç in asyncio.gather(f(1), f(2)):   # forgot await
        print(sonuç)
asyncio.run(main2())
