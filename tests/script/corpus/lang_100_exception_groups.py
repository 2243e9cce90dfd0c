# Exception groups as a learner meets them after TaskGroup: split and subgroup by type or by
# a test, derive, the constructor's checks, and except* handlers that raise their part again.
def ölçümler():
    return ExceptionGroup("sensörler", [
        ValueError("nem -5"),
        TypeError("sıcaklık 'yok'"),
        ExceptionGroup("bahçe", [ValueError("ışık 9999"), KeyError("rüzgar")]),
    ])


grup = ölçümler()
değer, kalan = grup.split(ValueError)
print(repr(değer))
print(repr(kalan))
print(repr(grup.subgroup((TypeError, KeyError))))
print(grup.subgroup(OSError))
print(repr(grup.subgroup(lambda e: "ışık" in str(e))))
print(repr(grup.derive([ZeroDivisionError("bölme")])))
print(grup.split(ExceptionGroup)[0] is grup)

for argümanlar in [("boş", []), ("sayı", [1]), (5, [ValueError()]), ("tek",)]:
    try:
        ExceptionGroup(*argümanlar)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, "-", e)
try:
    ExceptionGroup("iç", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
print(type(BaseExceptionGroup("temel", [ValueError()])).__name__)
print(type(BaseExceptionGroup("temel", [KeyboardInterrupt()])).__name__)
try:
    grup.split(5)
except TypeError as e:
    print(e)

try:
    try:
        raise ölçümler()
    except* ValueError:
        print("değerleri gördüm, yine de yukarı")
        raise
    except* TypeError:
        raise RuntimeError("tip hatası düzeltilemedi")
except ExceptionGroup as e:
    print(repr(e))

try:
    try:
        raise ölçümler()
    except* KeyError:
        raise
except ExceptionGroup as e:
    print(repr(e))

try:
    raise ExceptionGroup("iç grup", [ValueError("v")])
except* ExceptionGroup:
    print("buraya gelinmez")
