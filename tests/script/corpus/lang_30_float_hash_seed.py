# hash() of a float is CPython's (its value modulo 2**61 - 1, so hash(2.0) == hash(2)), and
# random.seed and random.Random take a float by that hash and a str by its text, so the same
# seed gives CPython's numbers; other seed types are a TypeError.
import random
print(hash(1.5), hash(-0.1), hash(3.14159), hash(1e300), hash(5e-324), hash(-1.5), hash(2.0))
random.seed(1.5)
print(random.random())
r = random.Random("abc")
print(r.random(), random.Random(2.5).randint(1, 100))
try:
    random.seed([1])
except TypeError as e:
    print(e)
print(hash(-1), hash(-1.0), hash(2.0**61), hash(-2**62), hash(2**61 - 1))
random.seed(-1.5)
print(random.random())
try:
    0 ** -1
except ZeroDivisionError as e:
    print(e)
