# `x in iterator` takes the iterator's items one at a time, up to the first equal one: the rest
# stay in it (also inside a larger expression), and random.sample picks as CPython's does for
# every size of population.
import random
import string


def f():
    return 1


def numbers():
    for i in range(5):
        print("gives", i)
        yield i


it = iter([1, 2, 3])
print(2 in it, f(), list(it))
g = (i for i in [1, 2, 3])
print("ok" if 2 in g and f() else "wrong", list(g))
gen = numbers()
print(2 in gen, next(gen))
print(9 in gen)
random.seed(1)
for n in (10, 22, 26, 64, 100, 1000):
    print(n, random.sample(range(n), 5), random.sample(range(n), min(n, 8)))
print(random.sample(string.ascii_lowercase, 5))
