# A finished future's result in its repr, as CPython's reprlib cuts it: dict keys sorted, at
# most 4 of them and 6 items of a list, tuple or set, long strings cut in the middle.
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    for v in [{"b": 1, "a": 2}, {"şehir": "Ankara", "derece": 18}, {"x": "y" * 40},
              {1: 2, 3: 4, 5: 6, 7: 8, 9: 10}, ("a" * 40,), [1, 2, 3, 4, 5, 6, 7], (1,), {3, 1, 2},
              set(), {}, "kısa", "uzun bir metin " * 5, 10 ** 18, [[[[[[[1]]]]]]], {1: "a", "b": 2},
              3.14, None, True, ["x" * 50]]:
        f = loop.create_future(); f.set_result(v); print(f)
asyncio.run(main())
