# A namedtuple reads as the tuple it is: equal to a tuple of its items, a tuple to
# isinstance and json, with a tuple's count and index.
import json
from collections import namedtuple
from typing import NamedTuple

Hasta = namedtuple("Hasta", "ad yaş")


class Randevu(NamedTuple):
    hasta: str
    saat: int = 9


h = Hasta("Ali", 30)
print(h == ("Ali", 30), ("Ali", 30) == h, h != ("Ali", 31), h == ["Ali", 30], h == Hasta("Ali", 30))
print(isinstance(h, tuple), isinstance(Randevu("Ayşe"), tuple), isinstance(h, list))
print(h.count("Ali"), h.index(30), Randevu("Can", 10) == ("Can", 10))
try:
    h.index("Veli")
except ValueError as e:
    print(e)
print(json.dumps(h), json.dumps({"randevu": Randevu("Ece")}, ensure_ascii=False))
print(sorted([Hasta("Zeynep", 20), Hasta("Ali", 30)]), {h: "kayıt"}[Hasta("Ali", 30)])
