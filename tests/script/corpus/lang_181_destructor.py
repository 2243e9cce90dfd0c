# Yıkıcı metot (__del__): CPython calls it as the last reference to an object goes, with
# `del`, a new value for the name, a function's end or a list's item removed.
class Araba:
    sayac = 0

    def __init__(self, marka):
        self.marka = marka
        Araba.sayac += 1
        print(f"{marka} oluşturuldu (toplam {Araba.sayac})")

    def __del__(self):
        Araba.sayac -= 1
        print(f"{self.marka} silindi (kalan {Araba.sayac})")


class Kamyon(Araba):
    pass


a = Araba("BMW")
del a
print("del sonrası")

b = Araba("Audi")
b = Araba("Fiat")
print("yeniden atama sonrası")


def yolculuk():
    gecici = Araba("Opel")
    print("yolculukta", gecici.marka)
    return "bitti"


print(yolculuk())

filo = [Araba("Tofaş"), Kamyon("Volvo"), Araba("Renault")]
filo.pop(1)
print("filoda", len(filo), "araç")
filo.clear()
print("filo boş")

ikinci = b
del b
print("bir referans kaldı:", ikinci.marka)
ikinci = None

print("program bitti, kalan", Araba.sayac)
