# Objects that compare by value: a class's own __eq__ and __hash__, in lists, tuples, sets and
# dicts; a class with __eq__ alone is unhashable; frozen dataclasses as keys.
import asyncio
from dataclasses import FrozenInstanceError, dataclass, field, replace


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents


@dataclass(frozen=True, order=True)
class Cell:
    row: int
    col: int = 0


@dataclass(unsafe_hash=True)
class Tag:
    name: str
    hits: int = field(default=0, compare=False)


async def visit(seen, cell, delay):
    await asyncio.sleep(delay)
    if cell in seen:
        print(f"{cell} seen already")
    else:
        seen.add(cell)
        print(f"{cell} visited")


async def main():
    print([Point(1, 2)] == [Point(1, 2)], (Point(0, 0), 1) == (Point(0, 0), 1), {"p": Point(1, 1)} == {"p": Point(1, 1)})
    seen = {Point(0, 0), Point(1, 2)}
    seen.add(Point(1, 2))
    print(len(seen), Point(0, 0) in seen, Point(5, 5) in seen, hash(Point(3, 4)) == hash((3, 4)))
    where = {Point(1, 1): "home", (Point(2, 2), "x"): "work"}
    where[Point(1, 1)] = "house"
    print(where, where.get(Point(9, 9), "nowhere"))
    del where[Point(1, 1)]
    print(where.pop((Point(2, 2), "x")), where)
    try:
        print({Money(5)})
    except TypeError as e:
        print("TypeError:", e, Money.__hash__)
    print(Money(5) == Money(5), [Money(5)] == [Money(5)], Money(5) in [Money(1), Money(5)])

    cells = set()
    await asyncio.gather(visit(cells, Cell(1, 2), 0.1), visit(cells, Cell(1, 2), 0.2), visit(cells, Cell(0), 0.15))
    print(sorted(cells), hash(Cell(1, 2)) == hash((1, 2)))
    grid = {Cell(0, 0): "start", Cell(3, 4): "goal"}
    print(grid[Cell(3, 4)], replace(Cell(3, 4), col=0) in grid, Cell(0) in grid)
    c = Cell(1)
    try:
        c.row = 5
    except FrozenInstanceError as e:
        print(type(e).__name__, e, isinstance(e, AttributeError))
    try:
        del c.col
    except AttributeError as e:
        print(e)

    t = Tag("io")
    t.hits += 1
    print(len({Tag("io", 1), Tag("io", 2), t}), t)

    print({} == {"a": 1}, [{}] != [{"a": 1}], {Point(1, 1): 1} == {Point(1, 1): 1}, {Point(1, 1)} <= {Point(1, 1), Point(2, 2)})
    a, b = {Point(0, 0), Point(1, 1)}, {Point(1, 1), Cell(5)}
    print(len(a | b), a & b, len(a - b), len(a ^ b), hash(MinusOne()), Area(2, 3))


class MinusOne:
    def __hash__(self):
        return -1


@dataclass(frozen=True)
class Area:
    w: int
    h: int
    size: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "size", self.w * self.h)


asyncio.run(main())
