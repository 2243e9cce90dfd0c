# Exception objects as learners build and catch them: keywords, args, locals that `del`
# binds, except tuples, and properties that fail over to __getattr__.
class UygulamaHatasi(Exception):
    pass


class StokHatasi(Exception):
    def __init__(self, urun, adet):
        super().__init__(f"{urun}: stokta {adet} kaldı")
        self.urun = urun
        self.adet = adet


class KotuHata(Exception):
    def __init__(self, mesaj):
        super().__init__(mesaj=mesaj)


for yap in (lambda: UygulamaHatasi(mesaj="olmadı"), lambda: ValueError("a", kod=3),
            lambda: KotuHata("x"), lambda: StokHatasi(urun="kalem", adet=0)):
    try:
        e = yap()
        print("oluştu:", repr(e), e.args)
    except TypeError as err:
        print("TypeError:", err)

e = ValueError("ilk")
e.args = ["liste", 2]
print(e.args, e)
e.args = "ab"
print(e.args, str(e))


def temizle():
    try:
        del gecici
    except UnboundLocalError as err:
        print("UnboundLocalError:", err)


temizle()

try:
    try:
        raise KeyError("k")
    except ((ValueError, KeyError), IndexError) as err:
        print("yakalandı", repr(err))
except TypeError as err:
    print("TypeError:", err, "| bağlam:", repr(err.__context__))


class Ayarlar:
    def __init__(self):
        self._degerler = {"dil": "tr"}

    @property
    def tema(self):
        return self._degerler["tema"] if "tema" in self._degerler else self.varsayilan_tema

    def __getattr__(self, isim):
        return f"<{isim} yok>"


a = Ayarlar()
print(a.tema)
print(a.dil)

for bozuk in (lambda: b"x".decode(errors=5), lambda: b"x".decode(5), lambda: "x".encode(errors=1)):
    try:
        bozuk()
    except TypeError as err:
        print(err)
