# Objects with __del__ kept in class attributes (the last one made, a singleton) and replaced
# there, and a destructor given to the class after its body.
class Kopek:
    son = None

    def __init__(self, ad):
        self.ad = ad
        Kopek.son = self

    def __del__(self):
        print("gitti:", self.ad)


Kopek("Karabaş")
Kopek("Pamuk")
print("son:", Kopek.son.ad)
Kopek.son = None
print("temizlendi")


class Ayar:
    _tek = None

    def __new__(cls):
        if cls._tek is None:
            cls._tek = super().__new__(cls)
        return cls._tek


def kapanis(self):
    print("ayar kapandı")


Ayar.__del__ = kapanis
a, b = Ayar(), Ayar()
print(a is b)
del a, b
Ayar._tek = 0
print("son satır")
