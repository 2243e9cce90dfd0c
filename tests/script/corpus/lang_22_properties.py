# @property, its setter, @staticmethod and @classmethod, and an object's attributes
# (vars(), __dict__), as a tutorial's bank account uses them.
class Hesap:
    faiz = 0.05

    def __init__(self, sahip, bakiye=0):
        self.sahip = sahip
        self._bakiye = bakiye

    @property
    def bakiye(self):
        return self._bakiye

    @bakiye.setter
    def bakiye(self, yeni):
        if yeni < 0:
            raise ValueError("bakiye negatif olamaz")
        self._bakiye = yeni

    @property
    def faizli(self):
        return round(self._bakiye * (1 + self.faiz), 2)

    @staticmethod
    def para(tutar):
        return f"{tutar:,.2f} TL"

    @classmethod
    def bos(cls, sahip):
        return cls(sahip)


h = Hesap("Ayşe", 1000)
h.bakiye += 250
print(h.bakiye, h.faizli, Hesap.para(h.bakiye), h.para(5))
print(vars(h), h.__dict__)
b = Hesap.bos("Ali")
print(type(b).__name__, b.sahip, b.bakiye, type(Hesap.bakiye).__name__)
try:
    h.bakiye = -5
except ValueError as e:
    print("ValueError:", e)
try:
    h.faizli = 3
except AttributeError as e:
    print("AttributeError:", e)
