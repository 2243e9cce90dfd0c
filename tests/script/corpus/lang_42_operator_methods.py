# Operators on a script's classes as CPython asks them: a.__add__(b), then b.__radd__(a)
# (first, for a subclass that overrides it), NotImplemented to ask the other side, __iadd__
# for +=, sum() of objects, abs() and __abs__, format specs and __format__; super(C, self).
class V:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"V({self.x})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, (int, float)):
            return V(self.x + o)
        return NotImplemented
    __radd__ = __add__
    def __mul__(self, k):
        return V(self.x * k) if isinstance(k, (int, float)) else NotImplemented
    def __rmul__(self, k):
        return self * k
    def __sub__(self, o):
        return V(self.x - o.x)
    def __rsub__(self, o):
        return V(o - self.x)
    def __iadd__(self, o):
        self.x += o.x if isinstance(o, V) else o
        return self
    def __eq__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.x == o.x
    def __lt__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.x < o.x
    def __abs__(self):
        return abs(self.x)
    def __format__(self, spec):
        return f"V<{self.x:{spec}}>"

a, b = V(1), V(2)
print(a + b, a + 1, 1 + a, 2 * a, a * 2.5, 10 - b, sum([a, b]), sum([a, b], V(10)))
c = a
c += b
print(c is a, a, c)
c += 5
print(a)
print(V(1) == V(1), V(1) == 1, 1 == V(1), V(1) != 2, V(1) != V(1), V(1) < V(2))
print(f"{V(3.14159):.2f}", format(V(7), ">4"), f"{V(1)}", abs(V(-4)))
print(NotImplemented, repr(NotImplemented))
try:
    a * "s"
except TypeError as e:
    print("TypeError:", e)
try:
    V(1) < 3
except TypeError as e:
    print("TypeError:", e)
try:
    "s" + a
except TypeError as e:
    print("TypeError:", e)
print(sorted([V(3), V(1), V(2)]))
class W(V):
    def __radd__(self, o):
        return "W radd"
print(V(1) + W(2))
class Base:
    def __init__(self, n):
        self.n = n
class Child(Base):
    def __init__(self, n):
        super(Child, self).__init__(n * 2)
print(Child(3).n, int("1010", base=2), int("ff", base=16))
