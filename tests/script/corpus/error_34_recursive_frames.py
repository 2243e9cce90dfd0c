# Frames of one line in a row, each with its own carets: a Fibonacci whose base case misses
# a negative n, and a nested comprehension whose inner one divides by zero.
def fib(n):
    if n == 0:
        return 1
    if n < 0:
        raise ValueError(f"negatif: {n}")
    return fib(n - 1) + fib(n - 2)


import traceback

try:
    fib(2)
except ValueError:
    traceback.print_exc()

print("fib bitti")
oranlar = [[n / k for n in ns] for k, ns in [(2, [4]), (0, [5])]]
