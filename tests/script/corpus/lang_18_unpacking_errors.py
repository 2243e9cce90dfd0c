pairs = [(1, 2), (3, 4, 5), (6,)]
for p in pairs:
    try:
        a, b = p
        print("ok", a, b)
    except ValueError as e:
        print("ValueError:", e)
try:
    x, y, z = "ab"
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
def f(a, b):
    return a + b
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, a=3)
except TypeError as e:
    print("TypeError:", e)
class K:
    def m(self, x):
        return x
try:
    K().m()
except TypeError as e:
    print("TypeError:", e)
try:
    K(1)
except TypeError as e:
    print("TypeError:", e)
first, *_, last = range(10)
print(first, last, _)
(a, b), c = [1, 2], 3
print(a, b, c)
for i, (k, v) in enumerate({"x": 1, "y": 2}.items()):
    print(i, k, v)
# Missing arguments: positional ones are named first, keyword-only ones only when no
# positional one is missing; three or more are listed with CPython's "and".
def g(a, b, c, *, d, e, h):
    pass
for call in (lambda: g(), lambda: g(1, 2, 3), lambda: g(1, 2), lambda: g(1, 2, 3, d=1)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
