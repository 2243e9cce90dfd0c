# random.choices (with and without weights), random.gauss, seeding with a string, and a few
# str and set methods: a seeded run draws the very numbers CPython draws.
import random

random.seed(2024)
print(random.choices(["yazı", "tura"], k=6))
print(random.choices(["kırmızı", "mavi", "yeşil"], weights=[5, 3, 2], k=5))
print(random.choices(range(4), cum_weights=[1, 1, 5, 6], k=4))
print([round(random.gauss(170, 8), 2) for _ in range(3)])
random.seed("öğrenci")
print(random.randint(1, 100), random.choice("abcdef"))
print("ad=soyad=yaş".rpartition("="), "abc".rpartition("x"))
print({1, 2, 3}.symmetric_difference({3, 4}), {1, 2}.isdisjoint({3}))
print("Merhaba Dünya".istitle(), ascii("çay ☕"), dict.fromkeys("ab", 0))
