# Sorting words in the Turkish alphabet's order with functools.cmp_to_key, a keyword given
# twice through **, str.format_map, math.remainder, sys.setrecursionlimit and Ellipsis (...).
from functools import cmp_to_key
ALFABE = "abcçdefgğhıijklmnoöprsştuüvyz"
def karsilastir(a, b):
    for x, y in zip(a, b):
        if x != y:
            return ALFABE.index(x) - ALFABE.index(y)
    return len(a) - len(b)
kelimeler = ["şeker", "çay", "ılık", "iğne", "can", "zeytin", "öğle", "ceviz"]
print(sorted(kelimeler))
print(sorted(kelimeler, key=cmp_to_key(karsilastir)))
print(sorted(kelimeler, key=cmp_to_key(karsilastir), reverse=True))
print(max(kelimeler, key=cmp_to_key(karsilastir)))
kelimeler.sort(key=cmp_to_key(lambda a, b: len(a) - len(b)))
print(kelimeler)
def f(**kw): return kw
try: f(**{"a": 1}, a=2)
except TypeError as e: print(e)
try: print(**{"sep": 1}, sep=2)
except TypeError as e: print(e)
import math
print(math.remainder(7,3), math.remainder(5,2), math.remainder(-7,3), math.remainder(7.5, 2), math.remainder(3, 2), math.remainder(1, 2), math.remainder(5, float("inf")))
try: math.remainder(1,0)
except ValueError as e: print(e)
print(math.fmod(7, 3), math.fmod(-7, 3))
print('{a} {b!r:>5}'.format_map({'a': 1, 'b': 'x'}))
try: '{c}'.format_map({'a': 1})
except KeyError as e: print("KeyError", e)
try: '{c}'.format_map(5)
except TypeError as e: print(e)
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(3000)
def derin(n):
    return 0 if n == 0 else 1 + derin(n - 1)
print(derin(2500), sys.getrecursionlimit())
for v in ["x", 0, 2.5]:
    try:
        sys.setrecursionlimit(v)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
sys.setrecursionlimit(100)
try:
    derin(200)
except RecursionError as e:
    print("RecursionError", e)
def todo(): ...
print(..., type(...).__name__, Ellipsis is ..., todo(), bool(...))
x = [1, ...]
print(x, repr(...), str(...), {...: 1})
class A:
    ...
print(A)
