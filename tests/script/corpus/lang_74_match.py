# match: literal, capture, wildcard, value, sequence, mapping and class patterns, alternatives,
# as and guards; messages from a queue dispatched by their shape in an async handler.
import asyncio
from dataclasses import dataclass
from enum import Enum

class Color(Enum):
    RED = 1
    GREEN = 2

@dataclass
class Point:
    x: int
    y: int

class Msg:
    __match_args__ = ("kind", "body")
    def __init__(self, kind, body):
        self.kind, self.body = kind, body

def describe(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 1 as small:
            return f"small {small}"
        case -5:
            return "minus five"
        case int(n) if n > 100:
            return f"big int {n}"
        case int() | float():
            return f"number {v}"
        case "quit" | "exit":
            return "bye"
        case str(s):
            return f"text {s!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x}"
        case [first, *rest] if len(rest) > 2:
            return f"long: {first} + {len(rest)}"
        case (a, b):
            return f"pair {a} {b}"
        case [first, *_, last]:
            return f"first {first} last {last}"
        case {"type": "join", "user": user, **extra}:
            return f"join {user} {extra}"
        case {"type": t}:
            return f"event {t}"
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "a point"
        case Color.RED:
            return "red!"
        case Color():
            return "another color"
        case Msg("ping", _):
            return "ping msg"
        case Msg(kind, body=b):
            return f"msg {kind}: {b}"
        case _:
            return f"other {type(v).__name__}"

for v in [None, True, 0, 1, -5, 500, 7, 2.5, "quit", "hi", [], [9], [1, 2, 3, 4], (1, 2), [1, 2, 3],
          {"type": "join", "user": "ayşe", "room": 3}, {"type": "leave"}, Point(0, 0), Point(0, 4),
          Point(3, 3), Point(1, 2), Color.RED, Color.GREEN, {1, 2}]:
    print(repr(v), "->", describe(v))
print(describe(Msg("ping", 1)), "|", describe(Msg("data", "x")))

async def handler(queue):
    while True:
        match await queue.get():
            case ("add", n):
                print("add", n)
            case ("stop",):
                print("stopping")
                return
            case other:
                print("unknown", other)

async def main():
    q = asyncio.Queue()
    for m in [("add", 1), ("mul", 2), ("stop",)]:
        q.put_nowait(m)
    await handler(q)
    match = {"case": 1}
    print(match["case"])
    try:
        match Point(1, 2):
            case Point(1, 2, 3):
                pass
    except TypeError as e:
        print("TypeError:", e)

asyncio.run(main())


def route(msg):
    match msg:
        case {"cmd": ("start" | "stop") as cmd, "args": [*args]}:
            return f"{cmd} with {args}"
        case {"cmd": str() as other}:
            return f"unknown command {other}"
        case [int() as a, (int() | float()) as b] as pair:
            return f"numbers {a} {b} in {pair}"
        case _:
            return "?"


for m in [{"cmd": "start", "args": [1, 2]}, {"cmd": "stop", "args": []}, {"cmd": "jump"}, [1, 2.5], [1, "x"]]:
    print(route(m))
