# Şu an işlenen hata: sys.exception() ve sys.exc_info(); yield from ile send.
import sys


def kuyruk():
    alinan = yield from ["ilk", "ikinci"]
    print("bitti", alinan)


def kontrol(no):
    try:
        if no == 0:
            raise ZeroDivisionError("sıfır hasta")
        return 10 / no
    except ZeroDivisionError:
        print("işleniyor:", repr(sys.exception()))
        tur, deger, _ = sys.exc_info()
        print(tur.__name__, deger)
        return None


print(sys.exception(), sys.exc_info())
print(kontrol(2), kontrol(0))
g = kuyruk()
print(next(g))
print(g.send(None))
try:
    g.send("cevap")
except AttributeError as e:
    print("AttributeError:", e)
try:
    int("on")
except "ValueError":
    print("buraya gelinmez")
