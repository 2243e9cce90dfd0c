# Ranges sliced, properties with setters and deleters, delattr, except* on nested groups,
# comprehension frames, and the messages CPython gives for a call with too few arguments.
r = range(10)
print(r[2:5], r[::-1], r[-3:], list(range(0, 20, 3)[1::2]))
print(range(0, 10, 2).index(4), range(5).count(1), range(5).count(9))
print([1, 2, 3, 4][slice(1, 3)], slice(2), "abcdef"[slice(None, None, -2)])


class Temperature:
    def __init__(self):
        self._c = 0

    def get_f(self):
        return self._c * 9 / 5 + 32

    def set_f(self, value):
        self._c = (value - 32) * 5 / 9

    f = property(get_f, set_f, doc="degrees Fahrenheit")

    @property
    def c(self):
        return self._c

    @c.setter
    def c(self, value):
        self._c = value

    @c.deleter
    def c(self):
        print("resetting")
        self._c = 0


t = Temperature()
t.f = 212
print(t.c, t.f, Temperature.f.__doc__)
del t.c
print(t.c)
t.note = "kitchen"
delattr(t, "note")
print(hasattr(t, "note"))
for attempt in (lambda: delattr(t, "note"), lambda: len(), lambda: [].append(), lambda: isinstance(1),
                lambda: round(), lambda: min(), lambda: iter(), lambda: "abc"[str(t.c)], lambda: "a" in t.c):
    try:
        attempt()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
for args in (("abc", [1, 2]), ([1, 2], [1, 2], [1])):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(e)
try:
    raise ExceptionGroup("outer", [ExceptionGroup("inner", [KeyError("k"), ValueError("v")]), OSError("o")])
except* KeyError as eg:
    print("caught", repr(eg))
except* (ValueError, OSError) as eg:
    print("and", repr(eg))
try:
    try:
        raise ExceptionGroup("g", [ValueError("v")])
    except* ValueError:
        raise TypeError("in the handler")
except TypeError as e:
    print("plain", repr(e))


def square(x):
    return x * x


print([square(x) for x in [1, 2, "3"]])
