# A class's docstring is its __doc__, and a class without one has None (never its base's).
class A:
    "doc of A"
class B(A):
    pass
class C:
    """Bir doktor.

    Hastaları sırayla muayene eder.
    """
    def f(self):
        "yöntem"
print(A.__doc__, B.__doc__, A().__doc__, C.f.__doc__)
print(C.__doc__)
class Hata(Exception):
    """Özel hata."""
print(Hata.__doc__, Hata("x").__doc__)
from enum import Enum
class Renk(Enum):
    """Renkler."""
    KIRMIZI = 1
print(Renk.__doc__, list(Renk))
