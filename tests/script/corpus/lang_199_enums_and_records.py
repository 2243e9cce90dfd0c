# Order states with enums, rows with named tuples and a dataclass: the checks a learner's
# mistakes meet, as CPython 3.11 makes them.
from collections import deque, namedtuple
from dataclasses import dataclass, replace
from enum import Enum, IntEnum, auto


class Renk(Enum):
    KIRMIZI = 1


class Seviye(IntEnum):
    DUSUK = 1
    YUKSEK = 3


class Durum(str, Enum):
    YENI = auto()
    HAZIR = auto()


print(list(Durum), Durum("2"), Durum(Durum.YENI))
print(Seviye.DUSUK == Renk.KIRMIZI, Seviye.DUSUK == 1, Seviye.YUKSEK > 2)
for islem in (lambda: Seviye.DUSUK + Renk.KIRMIZI, lambda: Seviye.DUSUK < "x", lambda: Durum(Renk.KIRMIZI)):
    try:
        print(islem())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    print("1" in Durum)
except TypeError as e:
    print("TypeError:", e)
print(Durum.YENI in Durum)

Satir = namedtuple("Satir", "ad yas", defaults=[0])
print(Satir._make(["Ali", 30]))
try:
    Satir._make("Ali".split(","))
except TypeError as e:
    print("TypeError:", e)


@dataclass
class Renkli:
    renk: str


print(replace(Renkli("mavi"), renk="kırmızı"))
try:
    replace(Renkli("mavi"), "kırmızı")
except TypeError as e:
    print("TypeError:", e)
try:

    @dataclass
    class Kuyruk:
        ogeler: deque = deque()

except ValueError as e:
    print("ValueError:", e)
try:
    "abc".upper = 5
except AttributeError as e:
    print("AttributeError:", e)


def sayac():
    n = 0

    def sil():
        nonlocal n
        del n
        print(dir())

    sil()
    try:
        return n
    except NameError as e:
        return f"NameError: {e}"


print(sayac())
