# Validation loops and the little checks learners run into: what stays in a list when the
# generator filling it fails, `exit()`'s code, type() given two things, and friends.
import functools
import sys

sayilar = [1]
try:
    sayilar.extend(int(s) for s in ["2", "3", "x", "4"])
except ValueError as e:
    print("hata:", e)
print("eklenenler:", sayilar)

for cagri in (lambda: exit(), lambda: quit(3), lambda: sys.exit(), lambda: sys.exit("güle güle")):
    try:
        cagri()
    except SystemExit as e:
        print(repr(e), e.args, e.code)

a, b = 5, "beş"
try:
    print(type(a, b))
except TypeError as e:
    print("TypeError:", e)
try:
    vars(a, b)
except TypeError as e:
    print("TypeError:", e)
try:
    "{x}".format_map()
except TypeError as e:
    print("TypeError:", e)

bos = ()
print(bos is (), tuple() is bos)
try:
    int("9" * 120 + "x" * 120)
except ValueError as e:
    print(len(str(e)), str(e)[-12:])


@functools.lru_cache(maxsize=-1)
def kare(n):
    print("hesaplanıyor", n)
    return n * n


print(kare(3), kare(3), kare.cache_info())
try:
    functools.lru_cache(maxsize="100")
except TypeError as e:
    print("TypeError:", e)

print((2.5).conjugate(), (5).conjugate(), True.conjugate(), (2.0).is_integer())
try:
    (5).is_integer()
except AttributeError as e:
    print("AttributeError:", e)
