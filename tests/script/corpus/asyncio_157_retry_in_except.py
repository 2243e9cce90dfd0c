# A retry inside an except block: the cancel that wait_for or asyncio.timeout throws in, and
# an exception thrown into a generator there, have the handled exception as their context
# from the start (a with block's exit sees it; the traceback shows both)
import asyncio

class Kayit:
    def __enter__(self):
        return self
    def __exit__(self, tip, hata, tb):
        print("çıkış görüyor:", repr(hata), "<-", repr(hata.__context__))

def uretec():
    try:
        raise KeyError("ilk")
    except KeyError:
        with Kayit():
            yield 1

g = uretec()
next(g)
try:
    g.throw(ValueError("ikinci"))
except ValueError as e:
    print("sonra:", repr(e.__context__))

async def yavas():
    await asyncio.sleep(1)

async def indir(deneme):
    try:
        raise ConnectionError(f"deneme {deneme} koptu")
    except ConnectionError:
        try:
            async with asyncio.timeout(0.1):
                await yavas()
        except TimeoutError as e:
            print("timeout:", repr(e.__cause__), "<-", repr(e.__cause__.__context__))
        try:
            await asyncio.wait_for(yavas(), 0.1)
        except TimeoutError as e:
            print("wait_for:", repr(e.__cause__), "<-", repr(e.__cause__.__context__))

async def main():
    await indir(1)
    try:
        raise ConnectionError("son deneme koptu")
    except ConnectionError:
        await asyncio.wait_for(yavas(), 0.1)

asyncio.run(main())
