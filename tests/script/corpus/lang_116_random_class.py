import random

# random.Random is a class: its instances have the module's functions, each drawing from its
# own generator.
zar = random.Random(42)
print(type(zar) is random.Random, isinstance(zar, random.Random), random.Random)
print(zar.choices(["yazı", "tura"], weights=[3, 1], k=5), round(zar.gauss(0, 1), 6))
print(zar.getrandbits(8), round(zar.normalvariate(10, 2), 6))

random.seed(7)
print(random.sample(["kırmızı", "mavi"], counts=[4, 2], k=5))
print(random.randint(1, 12 / 2), random.choices("abc", cum_weights=None, k=3))
print(random.randrange(10 / 2))
try:
    random.randint(1.5, 6)
except ValueError as e:
    print("ValueError:", e)
try:
    random.choice(iter([1, 2]))
except TypeError as e:
    print("TypeError:", e)
