# What a class asks its base for (`super().__str__()` in an exception), next() on a class's own
# iterator, what cannot be awaited, `raise ... from`, and numbers compared exactly.
import asyncio


class FetchError(Exception):
    def __str__(self):
        return "fetch failed: " + super().__str__()

    def __repr__(self):
        return "<" + super().__repr__() + ">"


class Point:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return f"Point({self.x})"

    def __str__(self):
        return "a point, " + super().__str__()

    def __eq__(self, other):
        return super().__eq__(other)

    def __hash__(self):
        return super().__hash__()


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class NotAwaitable:
    pass


async def main():
    print(FetchError("timeout"), repr(FetchError("a", 2)))
    p = Point(1)
    print(p, p == p, p == Point(1), super(Point, p).__eq__(3), hash(p) == hash(p))
    c = Countdown(2)
    print(next(c), next(c), next(c, "liftoff"))
    try:
        next(c)
    except StopIteration:
        print("StopIteration")
    try:
        await NotAwaitable()
    except TypeError as e:
        print("TypeError:", e)
    try:
        try:
            await asyncio.sleep(0.1)
            raise KeyError("k")
        except KeyError as e:
            raise ValueError("v") from e
    except ValueError as e:
        print(e.__suppress_context__, repr(e.__cause__))
    print(2**53 + 1 == 2.0**53, 2**53 + 1 > float(2**53), 7 >= 7.0, sorted([3, 2.5, 2**53 + 1, 2.0**53]))
    for f in [lambda: sum(["a", "b"], ""), lambda: reversed({1, 2}), lambda: list(reversed({"a": 1, "b": 2}))]:
        try:
            print(f())
        except TypeError as e:
            print("TypeError:", e)
    print("x\x1cy z\x1f".split(), "\x1c".isspace())


asyncio.run(main())
