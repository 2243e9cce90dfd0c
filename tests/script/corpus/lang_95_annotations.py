# A function's annotations are evaluated where it is defined, after its defaults, and kept as
# its __annotations__: a hint naming what was never imported (List) is a NameError right there.
from typing import Optional


def hasta(ad: str, sure: float = 0.1, *notlar: str, acil: bool = False, **ek: int) -> dict:
    return {ad: sure}


print(hasta.__annotations__)


def yok():
    pass


print(yok.__annotations__)


class Klinik:
    def kabul(self, h: "Hasta", oda: int) -> None:
        return None


print(Klinik.kabul.__annotations__)


def f() -> List[int]:
    return [1]


print(f())
