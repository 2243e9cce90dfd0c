# An async iterator class whose __anext__ returns a value that cannot be awaited: CPython's
# TypeError, raised from the await's.
import asyncio


class Sayaç:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


async def main():
    try:
        async for x in Sayaç():
            print(x)
    except TypeError as e:
        print(repr(e), repr(e.__cause__), e.__suppress_context__)
    async for x in Sayaç():
        print(x)


asyncio.run(main())
