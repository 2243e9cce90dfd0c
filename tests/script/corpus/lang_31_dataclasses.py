# Siparişler dataclass ile: alanlar, varsayılanlar, default_factory, __post_init__,
# karşılaştırma (order=True), asdict/astuple, ve yanlış kullanımın hataları.
import asyncio
from dataclasses import dataclass, field, asdict, astuple, fields, replace
from typing import List, Optional


@dataclass
class Order:
    id: int
    customer: str
    items: List[str] = field(default_factory=list)
    note: Optional[str] = None
    total: float = field(init=False, default=0.0)

    def __post_init__(self):
        self.total = round(len(self.items) * 12.5, 2)


@dataclass(order=True)
class Job:
    priority: int
    order: Order = field(compare=False, repr=False)


@dataclass
class Express(Order):
    courier: str = "moto"


async def prepare(order: Order, queue: asyncio.PriorityQueue) -> None:
    await asyncio.sleep(len(order.items) / 10)
    print(f"hazır: {order}")
    await queue.put(Job(-len(order.items), order))


async def main():
    orders = [Order(1, "Ayşe", ["çay", "simit"]), Order(2, "Mehmet"), Express(3, "Zeynep", ["kahve"], note="acele")]
    print(orders[1], orders[1].items is not orders[0].items)
    print(orders[0] == Order(1, "Ayşe", ["çay", "simit"]), orders[0] == orders[1], orders[0] == "x")
    print(asdict(orders[2]))
    print(astuple(orders[1]), [f.name for f in fields(Express)])
    print(Order.__annotations__["customer"], list(Order.__annotations__))
    print(replace(orders[1], customer="Ali", items=["su"]), replace(orders[2], note=None).courier)
    for bad in [{"total": 1.0}, {"color": "red"}]:
        try:
            replace(orders[0], **bad)
        except (TypeError, ValueError) as e:
            print(type(e).__name__ + ":", e)

    queue = asyncio.PriorityQueue()
    await asyncio.gather(*(prepare(o, queue) for o in orders))
    while not queue.empty():
        job = await queue.get()
        print("sıradaki:", job, job.order.id)
    print(sorted([Job(3, orders[0]), Job(1, orders[1])]), Job(1, orders[0]) == Job(1, orders[1]))

    for args, kwargs in [((), {}), ((1,), {}), ((1, "a", [], None, 5), {}), ((1, "a"), {"id": 2}),
                         ((1, "a"), {"total": 3.0})]:
        try:
            Order(*args, **kwargs)
        except TypeError as e:
            print("TypeError:", e)
    try:
        Job(1, orders[0]) < 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        @dataclass
        class Broken:
            a: int = 0
            b: int
    except TypeError as e:
        print("TypeError:", e)
    try:
        @dataclass
        class Shared:
            tags: list = []
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
