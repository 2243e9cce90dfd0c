# A hand-written iterator is asked for one item at a time by iter, zip, enumerate, in, any
# and reversed; a generator dropped half-way runs its finally.
class Sayac:
    def __init__(self, son):
        self.n = 0
        self.son = son

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > self.son:
            raise StopIteration
        print("  sıradaki:", self.n)
        return self.n

s = Sayac(5)
it = iter(s)
print("iter hazır, n =", s.n)
print(list(zip("ab", s)), "n =", s.n)
print(next(enumerate(Sayac(3))))
print(3 in Sayac(9), any(x > 1 for x in Sayac(9)))

class Raf:
    def __init__(self, kitaplar):
        self.kitaplar = kitaplar
    def __len__(self):
        return len(self.kitaplar)
    def __getitem__(self, i):
        print("  raf", i)
        return self.kitaplar[i]

for k in reversed(Raf(["A", "B", "C"])):
    print(k)

import random
random.seed(4)
zar = lambda: random.randint(1, 6)
print(list(iter(zar, 6)))

def hasta_kuyrugu():
    try:
        for ad in ["Ayşe", "Mehmet", "Zeynep"]:
            yield ad
    finally:
        print("kuyruk kapandı")

def ilk_hasta():
    k = hasta_kuyrugu()
    return next(k)

print("ilk:", ilk_hasta())
k = hasta_kuyrugu()
print(next(k))
k = None
print("bitti")

def g():
    while True:
        try:
            yield
        except ValueError as e:
            print("yakalandı:", e)
gen = g()
next(gen)
gen.throw(ValueError, "kötü değer")
