# A class that acts like a container: len(), truth, `in`, iteration (for, list(), sum(),
# unpacking), indexing and item assignment call the class's own methods; comparisons fall
# back to the other side's method, as sorted() and max() use them.
class Sepet:
    def __init__(self, *meyveler):
        self.meyveler = list(meyveler)

    def __len__(self):
        return len(self.meyveler)

    def __contains__(self, meyve):
        return meyve in self.meyveler

    def __iter__(self):
        return iter(self.meyveler)

    def __getitem__(self, i):
        return self.meyveler[i]

    def __setitem__(self, i, meyve):
        self.meyveler[i] = meyve


sepet = Sepet("elma", "armut", "kiraz")
bos = Sepet()
print(len(sepet), bool(sepet), not bos, "dolu" if sepet else "boş")
print("elma" in sepet, "muz" not in sepet)
for meyve in sepet:
    print("-", meyve)
print(list(sepet), sorted(sepet), [m.upper() for m in sepet])
ilk, ikinci, ucuncu = sepet
sepet[0] = "ayva"
print(ilk, sepet[0], dict(zip(sepet, range(3))))


class Geri:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


print(list(Geri(3)), sum(Geri(4)), 2 in Geri(5))


class Puan:
    def __init__(self, deger):
        self.deger = deger

    def __lt__(self, other):
        return self.deger < other.deger

    def __repr__(self):
        return f"Puan({self.deger})"


puanlar = [Puan(3), Puan(1), Puan(2)]
print(sorted(puanlar), max(puanlar), Puan(5) > Puan(4))


class Hicbiri:
    pass


for deneme in (lambda: len(Hicbiri()), lambda: list(Hicbiri()), lambda: 1 in Hicbiri(), lambda: Hicbiri()[0]):
    try:
        deneme()
    except TypeError as e:
        print("TypeError:", e)
