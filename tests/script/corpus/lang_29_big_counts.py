# Counts past 2**32: the page's wasm has a 32-bit usize, so every count, width and index a
# script gives is kept in 64 bits (a range's length and its items, replace's count, a sample's
# size, a padding width, a repeat), never cut down to what fits. Also round() of an int to
# tens or beyond (halves to even, exact), int()'s base check, and the powers and shifts of 0,
# 1 and -1 that fit whatever the exponent.
import random
print(len(range(10**10)), range(10**10)[-1], range(10**10)[5*10**9])
a = 1.5
b = 2.5
print(a is b, a is a)
print("aaa".replace("a", "b", 2**32), "aaa".replace("a", "b", 2**32 + 1))
try:
    random.sample([1, 2, 3], 2**32)
except ValueError as e:
    print(e)
class L:
    def __len__(self):
        return -1
try:
    len(L())
except ValueError as e:
    print(e)
print(len("x".center(200000)), len("x".ljust(10**6)), len("7".zfill(150000)))
print(round(10**18, -19), round(123456789123456789, -1), round(15, -1), round(25, -1), round(-25, -1), round(5 * 10**18, -19), round(1234, -2))
try:
    int("10", 2**32 + 2)
except ValueError as e:
    print(e)
print(1 ** 2**32, 0 ** 2**32, (-1) ** (2**32 + 1), 0 << 64, 1 in range(-2**62 - 2**62, 2**62 - 1 + 2**62, 3))
try:
    "x".center(10**12)
except MemoryError:
    print("MemoryError")
# A loop over a range far past memory that ends early: the range gives one number at a time.
for i in range(10**12):
    if i * i > 10:
        break
print("stopped at", i, sum(1 for _ in range(3, 10**15, 10**14)))
