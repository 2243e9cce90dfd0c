# Stop 55's probes: a generator written bare in an f-string, object.__getattribute__ in a
# proxy's __getattr__, asyncio's Task() and Future() checked as CPython checks them, the
# loop's classes in hints, reprlib's fallback for a result whose __repr__ raises, a list as
# a key in a dict comprehension failing inside it, the numbers' edge cases (pow with bools,
# -1 << 63, int(base=16), count(True), math.perm/prod/isclose/trunc), and a traceback of
# more than 1,000 frames cut to its innermost 1,000.
import asyncio
import itertools
import math
import traceback

notlar = [70, 85, 90]
print(f"{n for n in notlar}"[:10])
print(f"{sum(n for n in notlar) / len(notlar):.1f}")


class SaltOkunur:
    def __init__(self, hesap):
        object.__setattr__(self, "_hesap", hesap)

    def __getattr__(self, ad):
        print("yok:", ad)
        return object.__getattribute__(self, ad)


class Hesap:
    bakiye = 100


p = SaltOkunur(Hesap())
print(p._hesap.bakiye)
try:
    p.iban
except AttributeError as e:
    print("AttributeError:", e)


class Bozuk:
    def __repr__(self):
        raise ValueError("repr bozuk")


async def gorev():
    return 1


def dongu_bilgisi(loop: asyncio.AbstractEventLoop) -> str:
    return f"{isinstance(loop, asyncio.AbstractEventLoop)} {type(loop).__mro__[1:3]}"


async def main():
    print(dongu_bilgisi(asyncio.get_running_loop()))
    denemeler = [
        lambda: asyncio.Task(gorev(), isim="x"),
        lambda: asyncio.Task(gorev(), gorev()),
        lambda: asyncio.Task(),
        lambda: asyncio.Future(1),
        lambda: asyncio.Future(x=1),
        lambda: asyncio.Condition(1),
    ]
    for deneme in denemeler:
        try:
            print(deneme())
        except (TypeError, AttributeError) as e:
            print(type(e).__name__, e)
    t = asyncio.Task(coro=gorev(), name="adli")
    print(t.get_name(), await t)
    f = asyncio.get_running_loop().create_future()
    f.set_result(Bozuk())
    print(repr(f).split(" at 0x")[0])


asyncio.run(main())


def sozluk(satirlar):
    return {k: print("anahtar", k) for k in satirlar}


try:
    sozluk([[1], [2]])
except TypeError:
    traceback.print_exc()

print(pow(2, True, 5), pow(True, 2, 5), -1 << 63, next(itertools.count(True)))
denemeler = [
    lambda: pow("2", 3, 5),
    lambda: pow(2.5, 3, 5),
    lambda: int(base=16),
    lambda: math.perm(5, 2, 1),
    lambda: math.perm(),
    lambda: math.perm(5, None),
    lambda: math.prod([1, 2], 3),
    lambda: math.prod(),
    lambda: math.isclose(1, 1.2, 0.5),
    lambda: math.isclose(1),
    lambda: math.trunc("3.2"),
]
for deneme in denemeler:
    try:
        print(deneme())
    except TypeError as e:
        print("TypeError:", e)


class Sayi:
    def __index__(self):
        return 12

    def __float__(self):
        return 1.5


class Kesirli:
    def __float__(self):
        return 4.6


print(math.gcd(Sayi(), 8), math.factorial(Sayi()) > 0, math.floor(Kesirli()))
try:
    math.trunc(Kesirli())
except TypeError as e:
    print("TypeError:", e)

import sys

sys.setrecursionlimit(1500)


def derin(n):
    if n == 1100:
        raise ValueError("çok derin")
    return derin(n + 1)


derin(0)
