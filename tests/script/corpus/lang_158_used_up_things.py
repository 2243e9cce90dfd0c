# Things used up: a generator's return value goes with the end a loop found, a deque of
# customers is shuffled as a list is, a str cannot be, and a name a module lacks.
import random
from collections import deque


def sayac(n):
    for i in range(n):
        yield i
    return "bitti"


g = sayac(3)
for x in g:
    print("döngü", x)
try:
    next(g)
except StopIteration as e:
    print("sonra:", repr(e), e.value)

g = sayac(2)
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("list'ten sonra:", repr(e))

g = sayac(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("next ile biten:", repr(e), e.value)


def aktar():
    sonuc = yield from sayac(2)
    print("yield from:", sonuc)
    ikinci = yield from g
    print("biten üretecten:", ikinci)


print(list(aktar()))

random.seed(7)
sira = deque(["Ali", "Ayşe", "Can", "Deniz", "Ece"])
random.shuffle(sira)
print(sira)
try:
    random.shuffle("kelime")
except TypeError as e:
    print("TypeError:", e)
print(random.random())
random.shuffle("a")
random.shuffle(())
print("kısa olanlar sorunsuz")

try:
    from itertools import batched
except ImportError as e:
    print("ImportError:", e)
