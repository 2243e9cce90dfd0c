# Type hints as values: list[int] and int | None print as CPython prints them, keep their
# __origin__ and __args__, a union is a type isinstance takes, an alias makes a list
import asyncio
from collections import deque
from dataclasses import dataclass, fields
from typing import Optional

class Hasta:
    pass

def kaydet(ad: str, yas: int | None = None, notlar: list[str] | None = None) -> dict[str, int]:
    return {}

print(kaydet.__annotations__)
print(list[int], dict[str, list[Hasta]], tuple[int, ...], deque[int], asyncio.Queue[str])
print(int | None, type(int | None).__name__, type(list[int]).__name__)
print((int | str).__args__, list[int].__origin__, list[int].__args__)
print(isinstance(3, int | str), isinstance(None, int | None), isinstance(2.5, int | str))
print(int | str == str | int, int | int, list[int] == list[int])
print(list[int]([3, 1]), dict[str, int](a=1))
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
print(isinstance(None, Optional[int]))

@dataclass
class Sira:
    hastalar: list[str]
    doktor: str | None = None

for f in fields(Sira):
    print(f.name, f.type)
