import asyncio


async def ok(n):
    await asyncio.sleep(0.1 * n)
    print(f"ok({n}) finished")
    return n


async def fail(msg, delay):
    await asyncio.sleep(delay)
    print(f"fail({msg!r}) raising")
    raise ValueError(msg)


async def main():
    results = await asyncio.gather(ok(3), fail("boom", 0.1), ok(1), fail("bang", 0.2),
                                   return_exceptions=True)
    for r in results:
        print(type(r).__name__, repr(r))
    print("failures:", [str(r) for r in results if isinstance(r, Exception)])


asyncio.run(main())
