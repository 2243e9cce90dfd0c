# ImportError's name and path (an import that fails names its module), AttributeError's and
# NameError's keywords, and what __float__, __int__ and __index__ must return.
try:
    import numpy
except ImportError as e:
    print("eksik modül:", e.name, type(e).__name__, e.path)

e = ImportError("olmadı", name="modul")
print(e, e.name, e.msg, e.path)
a = AttributeError("yok", name="ad", obj=5)
print(a, a.name, a.obj, NameError("n", name="x").name)
for hatali in (lambda: ImportError("x", zzz=1), lambda: AttributeError("x", zzz=1), lambda: ValueError("x", zzz=1)):
    try:
        hatali()
    except TypeError as t:
        print("TypeError:", t)


class Para:
    def __init__(self, kurus):
        self.kurus = kurus

    def __float__(self):
        return self.kurus // 100

    def __int__(self):
        return self.kurus // 100


print(int(Para(1250)))
try:
    print(float(Para(1250)))
except TypeError as t:
    print("TypeError:", t)


class Sira:
    def __index__(self):
        return 2.5


for cevir in (float, int):
    try:
        cevir(Sira())
    except TypeError as t:
        print("TypeError:", t)
