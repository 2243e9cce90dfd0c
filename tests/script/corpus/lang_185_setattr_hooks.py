# A class's own __setattr__ and __delattr__: every attribute set or deleted goes through them
# (validation, logging), and object.__setattr__ / super().__setattr__ does the setting.
class Hesap:
    def __init__(self, sahip, bakiye):
        self.sahip = sahip
        self.bakiye = bakiye

    def __setattr__(self, ad, deger):
        if ad == "bakiye" and deger < 0:
            raise ValueError("bakiye negatif olamaz")
        print(f"ayarlanıyor: {ad} = {deger!r}")
        super().__setattr__(ad, deger)

    def __delattr__(self, ad):
        if ad == "sahip":
            raise AttributeError("sahip silinemez")
        print("siliniyor:", ad)
        object.__delattr__(self, ad)


h = Hesap("Ayşe", 100)
h.bakiye += 50
try:
    h.bakiye = -5
except ValueError as e:
    print("ValueError:", e)
setattr(h, "etiket", "vip")
del h.etiket
try:
    del h.sahip
except AttributeError as e:
    print("AttributeError:", e)
print(vars(h))


class BuyukHarf:
    def __setattr__(self, ad, deger):
        self.__dict__[ad.upper()] = deger


b = BuyukHarf()
b.isim = "deniz"
print(vars(b), b.ISIM)


class Sicaklik:
    def __init__(self):
        self._c = 0

    @property
    def c(self):
        return self._c

    @c.setter
    def c(self, deger):
        print("setter:", deger)
        self._c = deger

    def __setattr__(self, ad, deger):
        print("kanca:", ad)
        object.__setattr__(self, ad, deger)


s = Sicaklik()
s.c = 21
print(s.c)


class Sonsuz:
    def __setattr__(self, ad, deger):
        setattr(self, ad, deger)


try:
    Sonsuz().a = 1
except RecursionError as e:
    print("RecursionError:", e)
