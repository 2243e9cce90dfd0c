# functools' caches, as the memoised Fibonacci of every tutorial uses them; what a method
# forgotten its `()` prints; iterators' types as CPython names them.
from functools import cache, lru_cache


@lru_cache(maxsize=None)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(80), [fib(i) for i in range(10)])
print(fib.cache_info())


@cache
def square(x):
    print("computing", x)
    return x * x


print(square(4), square(4), square(5), square.cache_info().hits)
square.cache_clear()
print(square(4), square.cache_info())


@lru_cache(maxsize=2)
def slow(x, y=1):
    print("slow", x, y)
    return x + y


print(slow(1), slow(2), slow(1), slow(3), slow(2), slow(1, y=2), slow(1, y=2))
print(slow.cache_info())
try:
    square([1, 2])
except TypeError as e:
    print("TypeError:", e)


class Dog:
    def bark(self):
        return "woof"

    @lru_cache(maxsize=None)
    def age_in_dog_years(self, years):
        print("working out", years)
        return years * 7


d = Dog()
print(str(d.bark).startswith("<bound method Dog.bark of <__main__.Dog object"), d.bark == d.bark, d.bark())
print(type(d.bark).__name__, type("s".upper).__name__, len({d.bark, d.bark}))
print(d.age_in_dog_years(3), d.age_in_dog_years(3), Dog.age_in_dog_years.cache_info())
nums = [3, 1, 2]
for it in [map(str, nums), zip(nums, nums), filter(None, nums), enumerate(nums), reversed(nums), iter(nums), iter("ab"), iter((1,))]:
    print(type(it).__name__, list(it))
try:
    map(str, nums)[0]
except TypeError as e:
    print("TypeError:", e)
