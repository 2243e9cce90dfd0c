# Birden çok taban sınıf: C3 sırası, super() zinciri, karışım (mixin) sınıfları, çok tabanlı hata sınıfları.
class A:
    def kim(self):
        return "A"
    def selam(self):
        return "A.selam"

class B(A):
    def kim(self):
        return "B>" + super().kim()

class C(A):
    def kim(self):
        return "C>" + super().kim()
    def selam(self):
        return "C.selam"

class D(B, C):
    def kim(self):
        return "D>" + super().kim()

d = D()
print(d.kim(), d.selam())
print([k.__name__ for k in D.__mro__])
print(D.__bases__, D.__base__)
print(isinstance(d, C), issubclass(D, A))

class UygulamaHatası(Exception):
    pass

class BulunamadıHatası(UygulamaHatası, LookupError):
    def __init__(self, ad):
        super().__init__(f"{ad} bulunamadı")
        self.ad = ad

try:
    raise BulunamadıHatası("Ayşe")
except LookupError as e:
    print("yakalandı:", e, type(e).__mro__)

class JSONMixin:
    def sözlük(self):
        return dict(self.__dict__)

class KayıtMixin:
    def kaydet(self):
        return f"kaydedildi: {self.sözlük()}"

class Hasta(JSONMixin, KayıtMixin):
    def __init__(self, ad):
        self.ad = ad

print(Hasta("Ali").kaydet())

class X: pass
class Y(X): pass
try:
    class Z(X, Y): pass
except TypeError as e:
    print(e)
try:
    class W(X, X): pass
except TypeError as e:
    print(e)

class Base:
    def __init__(self):
        print("Base init")
class L(Base):
    def __init__(self):
        print("L init"); super().__init__()
class R(Base):
    def __init__(self):
        print("R init"); super().__init__()
class M(L, R):
    def __init__(self):
        print("M init"); super().__init__()
M()
class K:
    @classmethod
    def yap(cls): return f"K.yap {cls.__name__}"
class K2(K):
    @classmethod
    def yap(cls): return "K2>" + super().yap()
class K3(K2, K): pass
print(K3.yap())
