# Stop 55's probes and review: each operand of an `and`/`or` is tested once where CPython's
# jumps test it once (conditions, nested operators, comprehension ifs, assert), and twice
# where CPython's do (`not (c or a)` as a value); count(True) with and without a step;
# cmp_to_key's keys unhashable; a partial's own attributes; lru_cache of a non-callable;
# asyncio.Task(name=) taking no Task-N number; n given to most_common and nlargest as a float.
import asyncio
import functools
import itertools


class Bayrak:
    def __init__(self, ad, deger):
        self.ad, self.deger = ad, deger

    def __bool__(self):
        print("  bool", self.ad)
        return self.deger


a, b, c = Bayrak("a", False), Bayrak("b", True), Bayrak("c", True)
if (a and b) or c:
    print("1")
if not (a and b):
    print("2")
print([1 for _ in [0] if a and b])
try:
    assert a and b, "olmadı"
except AssertionError as e:
    print("AssertionError", e)
x = (a and b) or c
print(x.ad)
print(not (c or a))
print("evet" if not a else "hayır")

sayac = itertools.count(True, 2)
print(next(sayac), next(sayac), next(itertools.count(True)), next(itertools.count(False, 0.5)))

anahtar = functools.cmp_to_key(lambda p, q: p - q)(3)
try:
    hash(anahtar)
except TypeError as e:
    print("TypeError", e)

en_uzun = functools.partial(max, key=len)
en_uzun.etiket = "en uzun kelime"
print(en_uzun.etiket, en_uzun(["elma", "karpuz", "üzüm"]))
try:
    en_uzun.func = min
except AttributeError as e:
    print("AttributeError", e)
try:
    functools.lru_cache(5)(3)
except TypeError as e:
    print("TypeError", e)


async def is_():
    return "tamam"


async def main():
    t = asyncio.Task(is_(), name="adli")
    print(t.get_name(), await t)
    print(asyncio.Task(is_()).get_name(), asyncio.create_task(is_(), name="x").get_name())
    print(asyncio.create_task(is_()).get_name())
    await asyncio.sleep(0.1)


asyncio.run(main())

# `most_common(len(c) / 2)` for "the top half", nlargest's n == 1 fast path, bytes indexes.
import heapq
from collections import Counter

harfler = Counter("abracadabra")
for n in (len(harfler) / 2, 10.0):
    try:
        print(harfler.most_common(n))
    except TypeError as e:
        print("TypeError", e)
print(heapq.nlargest(1.0, [3, 1, 2]))
veri = "çay".encode()
for i in (1.5, "0"):
    try:
        veri[i]
    except TypeError as e:
        print("TypeError", e)
