# Sequence patterns over a range, a deque and a named tuple; Optional and Union in
# isinstance; zip(strict=True) taking one item at a time.
from collections import deque, namedtuple
from typing import NamedTuple, Optional, Union

Nokta = namedtuple("Nokta", "x y")

class Hasta(NamedTuple):
    ad: str
    yas: int

for deger in [range(2), deque([3, 4]), Nokta(1, 2), Hasta("Ayşe", 30), "ab", [5, 6, 7]]:
    match deger:
        case [a, b]:
            print("iki öğe:", a, b)
        case [a, *rest]:
            print("ilk:", a, "kalan:", rest)
        case _:
            print("dizi değil:", deger)

print(isinstance(None, Optional[int]), isinstance("a", Optional[int]))
print(isinstance(2.5, Union[int, float]), isinstance("a", Union[int, None]))

def olcum(ad, n):
    for i in range(n):
        print(" ", ad, "ölçümü", i)
        yield i

try:
    for a, b in zip(olcum("sıcaklık", 2), olcum("nem", 3), strict=True):
        print("çift:", a, b)
except ValueError as e:
    print("ValueError:", e)
