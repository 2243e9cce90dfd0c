# random's getrandbits, normalvariate and lognormvariate, seeded: the same numbers as CPython's.
import random

random.seed(42)
print([random.getrandbits(k) for k in (0, 1, 8, 32, 40, 63)])
print([round(random.normalvariate(), 6) for _ in range(4)])
print(round(random.normalvariate(100, 15), 6), round(random.normalvariate(mu=5, sigma=0.5), 6), round(random.normalvariate(sigma=3), 6))
print([round(random.lognormvariate(0, 0.25), 6) for _ in range(3)])
r = random.Random(7)
print(random.gauss(0, 1) != r.random())
for bad in [lambda: random.getrandbits(-1), lambda: random.lognormvariate(0)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
