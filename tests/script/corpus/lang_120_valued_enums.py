import json
from enum import IntEnum, StrEnum

# An IntEnum's members are ints and a StrEnum's are strs wherever a value goes.
class Öncelik(IntEnum):
    DÜŞÜK = 1
    YÜKSEK = 65

class Tür(StrEnum):
    A = "alfa"
    B = "beta"

p = Öncelik.YÜKSEK
print("%d %x %05.1f" % (p, p, p), p / 2, p // 10, -p, abs(-p), p ** 2, p & 3, p << 1)
print(round(p, -1), divmod(p, 10), ["a", "b", "c"][Öncelik.DÜŞÜK], list(range(Öncelik.DÜŞÜK, 4)))
print(hex(p), chr(p), bool(Öncelik.DÜŞÜK), json.dumps([p, Tür.A, {"tür": Tür.B}]))
print("-".join([Tür.A, "b"]), len(Tür.A), Tür.B[0], "lf" in Tür.A, list(Tür.B)[:2])
