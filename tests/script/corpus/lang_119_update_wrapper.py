import functools

# A decorator written as a class takes the wrapped function's names with update_wrapper (or
# wraps applied to itself).
class Sayaç:
    def __init__(self, işlev):
        functools.update_wrapper(self, işlev)
        self.işlev = işlev
        self.sayı = 0

    def __call__(self, *args):
        self.sayı += 1
        return self.işlev(*args)

@Sayaç
def topla(a, b):
    "İki sayıyı toplar."
    return a + b

print(topla(2, 3), topla(4, 5), topla.sayı)
print(topla.__name__, topla.__doc__, topla.__wrapped__.__name__)

class Kayıt:
    def __init__(self, işlev):
        functools.wraps(işlev)(self)
        self.işlev = işlev

    def __call__(self, *args):
        print("çağrı:", self.__name__, args)
        return self.işlev(*args)

@Kayıt
def kare(x):
    return x * x

print(kare(7), kare.__qualname__)

# staticmethod and classmethod objects carry their function's names, and a staticmethod can
# be called (CPython 3.10).
s = staticmethod(len)
print(s.__name__, s.__wrapped__ is len, classmethod(kare.__wrapped__).__name__)
print(staticmethod(lambda a: a * 2)(4))

# lru_cache(typed=True) keeps 1 and 1.0 apart; cache_parameters() says how it was made.
@functools.lru_cache(maxsize=3, typed=True)
def ikiye(x):
    return x * 2

print(ikiye(1), ikiye(1.0), ikiye(1), ikiye.cache_info(), ikiye.cache_parameters())
