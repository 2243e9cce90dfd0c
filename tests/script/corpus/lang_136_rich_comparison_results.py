# Karşılaştırma metotlarının döndürdüğü değer olduğu gibi gelir; alt sınıfın yansıyan metodu önce sorulur.
class Para:
    def __init__(self, miktar):
        self.miktar = miktar

    def __lt__(self, öteki):
        print("Para.__lt__")
        return self.miktar < öteki.miktar

    def __eq__(self, öteki):
        return "eşitlik sorusu"


class Döviz(Para):
    def __gt__(self, öteki):
        print("Döviz.__gt__")
        return "döviz büyük"


a, b = Para(5), Para(7)
print(a < b)
print(a == b)
print(a != b)
print(Para(1) < Döviz(2))


class Fark:
    def __ne__(self, öteki):
        return "farklı!"


print(Fark() != Fark(), Fark() == Fark())
print(1 < Para(2).miktar < 3)
