# match: bir desen yarıda kalırsa adlar eski değerlerinde kalır. yield from: throw() alt üretece gider.
from enum import Enum


class Durum(Enum):
    BEKLIYOR = 1
    MUAYENEDE = 2


x = "önce"
match [1, 2]:
    case [x, 0]:
        print("eşleşti")
    case _:
        print("x hâlâ:", x)

match {"hasta": "Ali", "yaş": 7}:
    case {"hasta": ad, "yaş": yaş} if yaş > 10:
        print("yetişkin", ad)
    case {"hasta": ad}:
        print("çocuk", ad)

print(type(Durum.BEKLIYOR), Durum)


def alt():
    try:
        yield "muayene"
    except KeyError:
        yield "yakalandı"
    return "alt bitti"


def delege():
    sonuç = yield from alt()
    print("dönen:", sonuç)
    yield "son"


g = delege()
print(next(g))
print(g.throw(KeyError("k")))
print(next(g))


def sayaçlı():
    sayaçlı.çağrı += 1


sayaçlı.çağrı = 0
sayaçlı()
print(sayaçlı.__dict__)
