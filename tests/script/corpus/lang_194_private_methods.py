# A bank account with private helpers (`__dogrula`), as Turkish course books write them: the
# helper keeps its own name in tracebacks and errors, though the class stores it mangled.
from collections import Counter, OrderedDict


class Hesap:
    def __init__(self, sahip, bakiye=0):
        self.sahip = sahip
        self.__bakiye = bakiye

    def __dogrula(self, miktar):
        if miktar <= 0:
            raise ValueError(f"geçersiz miktar: {miktar}")

    def yatir(self, miktar):
        self.__dogrula(miktar)
        self.__bakiye += miktar
        return self.__bakiye

    def sinif(self):
        return __class__.__name__


h = Hesap("Ayşe", 100)
print(h.yatir(50), h.sinif(), sorted(k for k in vars(h)))
print(Hesap._Hesap__dogrula.__name__, Hesap._Hesap__dogrula.__qualname__)
try:
    h._Hesap__dogrula()
except TypeError as e:
    print("TypeError:", e)

sayim = Counter("mississippi")
print(sayim.most_common(n=2))
try:
    sayim.most_common(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    dict.fromkeys(["a", "b"], value=0)
except TypeError as e:
    print("TypeError:", e)
sira = OrderedDict.fromkeys(iterable="abc", value=0)
sira.move_to_end(key="a")
print(sira)

h.yatir(-5)
