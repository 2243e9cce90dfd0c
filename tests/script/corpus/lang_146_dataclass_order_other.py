# Sıralanabilir bir dataclass başka türle karşılaştırılınca NotImplemented verir; hata öteki tarafın sözüyle gelir.
import asyncio
from dataclasses import dataclass


@dataclass(order=True)
class Is:
    oncelik: int
    ad: str = "iş"


print(Is(1).__lt__((1,)), Is(1).__eq__("x"))
print(Is(1) < Is(2), Is(2, "b") >= Is(2, "a"))
for a, b in [((1,), Is(1)), (Is(1), 5)]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError:", e)


async def main():
    kuyruk = asyncio.PriorityQueue()
    await kuyruk.put(Is(2, "rapor"))
    await kuyruk.put(Is(1, "acil"))
    print(await kuyruk.get())
    await kuyruk.put((0, "demet"))


asyncio.run(main())
