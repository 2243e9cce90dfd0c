# Sıralama CPython'un karşılaştırmalarını aynı sırayla yapar: __lt__ ne yazarsa aynısı; karışık listede aynı hata.
class Hasta:
    def __init__(self, ad, öncelik):
        self.ad, self.öncelik = ad, öncelik

    def __lt__(self, öteki):
        print(f"  {self.ad} < {öteki.ad}?")
        return self.öncelik < öteki.öncelik

    def __repr__(self):
        return self.ad


sıra = [Hasta("Ali", 3), Hasta("Ayşe", 1), Hasta("Can", 2), Hasta("Deniz", 1)]
print(sorted(sıra))
print(sorted(sıra, reverse=True))

try:
    sorted([3, 2.5, None])
except TypeError as e:
    print("hata:", e)

karışık = [3, 1, 2, "x"]
try:
    karışık.sort()
except TypeError as e:
    print("hata:", e, karışık)

liste = [3, 1, 2]
try:
    liste.sort(key=lambda x: liste.append(x) or x)
except ValueError as e:
    print("hata:", e, liste)
