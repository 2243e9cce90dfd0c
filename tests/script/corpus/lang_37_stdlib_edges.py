# The edges of the stand-in modules that a second reading found: a cleared defaultdict stays
# one, a three-way union, a dataclass that compares by value cannot be hashed, a linked list
# of dataclasses and one that holds itself, decorators evaluated before the class body,
# logging's extra= and .exception outside an except.
import asyncio
import logging
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from functools import partial


def register(tag):
    print("decorator made:", tag)

    def apply(cls):
        print("applied to", cls.__name__)
        return cls

    return apply


@register("msg")
@dataclass
class Msg:
    print("the class body runs after its decorators are made")
    body: int | str | None = None
    prio: float = 0.0


@dataclass
class Node:
    val: int
    next: "Node | None" = None


async def main():
    d = defaultdict(list)
    d["a"].append(1)
    d.clear()
    d["b"].append(2)
    c = Counter("aab")
    c.clear()
    c["x"] += 1
    print(d, c, Msg(), [f.name for f in fields(Msg)], fields(Msg)[1].type)
    try:
        print({Msg(1), Msg(1)})
    except TypeError as e:
        print("TypeError:", e)
    head = None
    for i in range(60):
        head = Node(i, head)
    print(repr(head)[:40], repr(head).count("Node("))
    loop = Node(1)
    loop.next = loop
    print(loop, isinstance("x", int | str | None))
    logging.basicConfig(format="%(levelname)s [%(user)s] %(message)s", stream=sys.stdout)
    log = logging.getLogger("app")
    log.warning("signed in", extra={"user": "ayşe"})
    log.error("nothing to show", exc_info=False, extra={"user": "-"})
    print(logging.root is logging.getLogger(), asyncio.iscoroutinefunction(partial(main)))


asyncio.run(main())
