# Döngü sözlüğü yerinde okur: döngüde değişen değer değişmiş görünür. filter(None, …) nesnenin __bool__'unu sorar.
import itertools

yaşlar = {"Ali": 20, "Veli": 20, "Ayşe": 30}
for ad, yaş in yaşlar.items():
    if ad == "Ali":
        yaşlar["Veli"] = 25  # sıradaki hastanın değeri değişti
    print(ad, yaş)

for ad in yaşlar:
    yaşlar[ad] = 0
print(yaşlar)

try:
    for ad in yaşlar:
        yaşlar[ad + "!"] = 1
except RuntimeError as e:
    print("hata:", e)


class Boş:
    def __bool__(self):
        return False

    def __repr__(self):
        return "Boş"


class Kutu:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __repr__(self):
        return f"Kutu({self.n})"


şeyler = [Boş(), 1, Kutu(0), Kutu(2), 0]
print(list(filter(None, şeyler)))
print(list(itertools.filterfalse(None, şeyler)))
print(list(itertools.takewhile(lambda x: x, [Kutu(1), Boş(), 3])))
print(list(itertools.compress("abc", [Boş(), Kutu(1), 1])))
