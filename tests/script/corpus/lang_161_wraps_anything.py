# functools.wraps around what is not a plain function: a class (a singleton decorator),
# a built-in, a callable object; the wrapper takes its name, qualname and docstring.
import functools


def tekil(cls):
    ornekler = {}

    @functools.wraps(cls)
    def al(*args, **kwargs):
        if cls not in ornekler:
            ornekler[cls] = cls(*args, **kwargs)
        return ornekler[cls]

    return al


@tekil
class Ayarlar:
    """Uygulamanın tek ayar nesnesi."""

    def __init__(self, dil="tr"):
        self.dil = dil


a = Ayarlar("en")
b = Ayarlar()
print(a is b, a.dil, Ayarlar.__name__, Ayarlar.__qualname__, Ayarlar.__doc__)
print(Ayarlar.__wrapped__.__name__)


class Sayac:
    """Kaç kez çağrıldığını sayar."""

    def __call__(self, x):
        return x


uzunluk = functools.wraps(len)(lambda x: len(x) * 2)
print(uzunluk.__name__, uzunluk.__wrapped__ is len, uzunluk("abc"))


def g():
    pass


functools.update_wrapper(g, Ayarlar.__wrapped__)
print(g.__name__, g.__qualname__, g.__doc__)
