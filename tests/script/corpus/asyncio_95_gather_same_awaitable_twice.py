# gather given the same awaitable twice makes one task of it, as CPython's (its arg_to_fut):
# a coroutine runs once and its result fills both places; a failure is reported once.
import asyncio
async def a(): 
    print("a runs")
    return "a"
async def boom():
    raise ValueError("b")
async def main():
    c = a()
    print(await asyncio.gather(c, c))
    t = asyncio.create_task(a())
    print(await asyncio.gather(t, t, a()))
    b = boom()
    print(await asyncio.gather(b, b, return_exceptions=True))
    b2 = boom()
    try:
        await asyncio.gather(b2, a(), b2)
    except ValueError as e:
        print("caught", e)
asyncio.run(main())
