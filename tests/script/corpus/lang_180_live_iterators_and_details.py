"""Oyun turu: canlar, saldırılar ve birkaç ayrıntı."""
# zip() and reversed() over a list see the list as it is at each step, as CPython's do;
# plus a module's docstring, an OSError made with any two arguments, and TypeVar hints.
import random
from typing import TypeVar

print(__doc__)

adlar = ["Ali", "Berk", "Cem"]
canlar = [10, 10, 10]
for i, (ad, can) in enumerate(zip(adlar, canlar)):
    hedef = (i + 1) % len(adlar)
    canlar[hedef] -= 4
    print(f"{ad} (can {can}) -> {adlar[hedef]} vurdu, hedefin canı {canlar[hedef]}")

sira = [1, 2]
z = zip(sira, "abcd")
sira.append(3)
print(list(z))

oyuncular = [0, 0, 3, 0]
for c in reversed(oyuncular):
    print("bak", c)
    if c == 0:
        oyuncular.remove(c)
print(oyuncular)

kalan = [1, 2, 3]
r = reversed(kalan)
kalan.pop()
print(list(r), type(r).__name__)

e = ConnectionError("http://site.com", "zaman aşımı")
print(e)
print(e.errno, e.strerror, e.args)

random.seed(1)
try:
    random.choices([], k=1)
except IndexError as e:
    print("IndexError:", e)
print(random.random())

T = TypeVar("T")
print(T, T.__name__)


def ilk(ogeler: list[T], varsayilan: T | None = None) -> T | None:
    return ogeler[0] if ogeler else varsayilan


print(ilk([], "yok"), ilk([7]))

try:
    getattr(adlar, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    dict.fromkeys()
except TypeError as e:
    print("TypeError:", e)
