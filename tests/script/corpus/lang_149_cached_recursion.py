# Önbellekli özyineleme: lru_cache C ile yazılmıştır, her çağrısı özyineleme sınırından bir basamak
# yer; önbellekli bir özyineleme bu yüzden yarı derinlikte RecursionError verir.
from functools import lru_cache


@lru_cache(maxsize=None)
def adim(n):
    return 0 if n == 0 else adim(n - 1) + 1


@lru_cache(maxsize=None)
def fib(n):
    if n < 2:
        return n
    return (fib(n - 1) + fib(n - 2)) % 1_000_007


print(adim(400), fib(300))
print(adim.cache_info())
print(fib(5000))
