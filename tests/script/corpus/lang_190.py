import math
for f in ["asin", "acos", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp2", "expm1", "log1p"]:
    fn = getattr(math, f)
    for x in [0.0, 0.5, -0.5, 1, -1, 2, -2, 10, 1000, 1e-10, float("inf"), float("-inf"), float("nan")]:
        try:
            print(f, x, fn(x))
        except Exception as e:
            print(f, x, type(e).__name__, e)
print(math.degrees(math.asin(0.5)), math.acos(-1) == math.pi)
try:
    math.asin("a")
except TypeError as e:
    print(e)
