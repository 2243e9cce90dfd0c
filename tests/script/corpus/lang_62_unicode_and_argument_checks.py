# Unicode digits and title case, and arguments CPython refuses.
import random

random.seed(7)

for s in ["123", "٣٤", "²", "①", "½", "Ⅻ", "12a", ""]:
    print(repr(s), s.isdecimal(), s.isdigit(), s.isnumeric())

print(int("٣٤") + 1)
print("ǆemal ßa ﬁsh and chips".title())
print("ǆemal".capitalize(), "ßa".capitalize(), "hello WORLD".capitalize())

for call in [
    lambda: max(1, 2, default=0),
    lambda: min([], default="nothing"),
    lambda: max([3, 1, 2], default=0),
    lambda: random.sample({1, 2, 3}, 2),
    lambda: random.sample(range(10), 3),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
