# object.__ne__ asks __eq__ and inverts it; a dataclass compared with another class gives
# NotImplemented, so == falls back to identity.
class H:
    def __init__(self, ad): self.ad = ad
    def __eq__(self, o): return self.ad == o.ad
a, b = H(1), H(1)
print(a != b)
print(a.__ne__(b))
print(object.__ne__(a, b))
from dataclasses import dataclass
@dataclass
class A:
    x: int
@dataclass
class B:
    x: int
a = A(1)
print(a == A(1), a == B(1), a != B(1), a == 1, a != 1, a == a, [a].count(A(1)), a in [1, A(1)])
