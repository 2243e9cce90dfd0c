# namedtuple and typing.NamedTuple: records of named fields that read as tuples (indexing,
# unpacking, len, ordering, hashing, _asdict, _replace, _make), as tasks' results.
import asyncio
from collections import namedtuple
from typing import NamedTuple

Point = namedtuple("Point", ["x", "y"])
Rec = namedtuple("Rec", "name, age city", defaults=["Ankara"])

class Result(NamedTuple):
    url: str
    status: int = 200

    def ok(self):
        return self.status < 400

async def fetch(url, delay):
    await asyncio.sleep(delay)
    return Result(url, 404 if "missing" in url else 200)

async def main():
    p = Point(1, 2)
    x, y = p
    print(p, repr(p), p.x, p[1], p[-1], p[:1], len(p), x + y, list(p), tuple(p))
    print(p._asdict(), p._replace(x=5), Point._make([3, 4]), Point._fields, p == Point(1, 2), p < Point(1, 3))
    print({p: "origin-ish"}[Point(1, 2)], sorted([Point(2, 1), Point(1, 5)]))
    r = Rec("Ayşe", 30)
    print(r, Rec._fields, r.city)
    try:
        p.x = 3
    except AttributeError as e:
        print("AttributeError:", e)
    results = await asyncio.gather(fetch("a.com", 0.2), fetch("missing.org", 0.1))
    for res in results:
        url, status = res
        print(url, status, res.ok(), res)
    print(Result("x"), Result._fields, type(results[0]).__name__)
    try:
        Point(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        namedtuple("Bad", ["ok", "_private"])
    except ValueError as e:
        print("ValueError:", e)

asyncio.run(main())
