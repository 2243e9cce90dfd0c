# Çağrı hatalarının sırası ve sözleri: anahtar sözcük hataları konum sayısından önce gelir;
# atanmamış bir yereli silmek; index/count/range; çok satırlı bir hata iletisi.
import logging
import traceback


def muayene(hasta, oda):
    return f"{hasta} {oda}"


for cagri in [lambda: muayene(1, 2, 3, hasta=1), lambda: muayene("Ali", 2, ek=1), lambda: muayene(1, 2, 3)]:
    try:
        cagri()
    except TypeError as e:
        print("TypeError:", e)


def temizle():
    del gecici
    gecici = 1


try:
    temizle()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

for f in [lambda: [1].index(), lambda: (1,).count(), lambda: [1].index(1, 0, 1, 2), lambda: range()]:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)

hata = ValueError("kayıt bozuk\n  satır 3: boş alan")
print(traceback.format_exception_only(hata))
print(traceback.format_exception(hata)[-1:])
logging.basicConfig(format="%(levelname)s %(message)s")
try:
    raise ValueError("son satır\n")
except ValueError:
    logging.exception("kayıt okunamadı")
