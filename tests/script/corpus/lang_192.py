from dataclasses import dataclass
from collections import namedtuple
from enum import Enum, IntEnum

@dataclass(frozen=True)
class Nokta:
    x: int
    y: int

ziyaret = set()
for p in [Nokta(0, 0), Nokta(1, 0), Nokta(0, 1), Nokta(2, 3), Nokta(1, 1)]:
    ziyaret.add(p)
print(ziyaret)
ziyaret.discard(Nokta(1, 0))
ziyaret.add(Nokta(5, 5))
print(ziyaret, len(ziyaret))
P = namedtuple("P", "a b")
print({P(3, 4), P(1, 2), P(0, 0)}, {P(1, 2), (5, 6)})
class Renk(Enum):
    KIRMIZI = 1
    YESIL = 2
    MAVI = 3
    SARI = 4
print({Renk.MAVI, Renk.KIRMIZI, Renk.SARI, Renk.YESIL})
print(set(Renk), {r.name for r in Renk})
class S(IntEnum):
    A = 3
    B = 1
print({S.A, S.B, 2})
class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v)
    def __eq__(self, o): return self.v == o.v
    def __repr__(self): return f"K({self.v!r})"
print({K("elma"), K("armut"), K(7), K((1, 2))})
s = {K(i) for i in range(20)}
print(s.pop(), s.pop(), sorted(x.v for x in s)[:3])
print({Nokta(1, 2)} | {Nokta(0, 0), Nokta(3, 3)}, {Nokta(1, 2), Nokta(0, 0)} & {Nokta(0, 0)})
print(hash(Renk.MAVI) == hash("MAVI"))
