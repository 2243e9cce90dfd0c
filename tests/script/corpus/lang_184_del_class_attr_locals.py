# Class attributes deleted (`del Sinif.x`, `delattr`), `locals()` and `vars()` in a function,
# the order a dict's and an object's values are freed in, and a bad yield's own repr.
import asyncio


class Sayac:
    toplam = 0
    birim = "adet"

    def __init__(self):
        self.toplam = 5


s = Sayac()
print(s.toplam, Sayac.toplam)
del s.toplam
print(s.toplam)
del Sayac.toplam
try:
    print(s.toplam)
except AttributeError as e:
    print("AttributeError:", e)
delattr(Sayac, "birim")
print(hasattr(Sayac, "birim"))
try:
    del Sayac.yok
except AttributeError as e:
    print("AttributeError:", e)
try:
    del str.upper
except TypeError as e:
    print("TypeError:", e)


def hesapla(a, b=2, *digerleri, **secenekler):
    toplam = a + b
    print(locals())
    carpim = toplam * 2
    print(sorted(vars()))
    return carpim


print(hesapla(1), hesapla(1, 3, 4, kare=True))


class Parca:
    def __init__(self, ad):
        self.ad = ad

    def __del__(self):
        print("parça gitti:", self.ad)


parcalar = {"kafa": Parca("kafa"), "kol": Parca("kol")}
del parcalar


class Makine:
    pass


m = Makine()
m.motor = Parca("motor")
m.tekerlek = Parca("tekerlek")
del m
print("makine gitti")


class Kotu:
    def __repr__(self):
        return "<Kötü gelecek>"

    def __await__(self):
        yield self


async def main():
    try:
        await Kotu()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
