import math
# Twelve digits: the page's libm and CPython's may differ in the last one.
for f in ["asin", "acos", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp2", "expm1", "log1p"]:
    fn = getattr(math, f)
    for x in [0.0, 0.5, -0.5, 1, -1, 2, -2, 10, 1000, 1e-10, float("inf"), float("-inf"), float("nan")]:
        try:
            print(f, x, f"{fn(x):.12g}")
        except Exception as e:
            print(f, x, type(e).__name__, e)
print(round(math.degrees(math.asin(0.5)), 9), math.acos(-1) == math.pi)
try:
    math.asin("a")
except TypeError as e:
    print(e)
