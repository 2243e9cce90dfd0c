# print'in hedefi: file= bir nesne (write'ı çağrılır), sys.stdout değiştirilince ve
# contextlib.redirect_stdout ile; biçim dizgelerinin birkaç köşesi.
import contextlib
import sys


class Toplayici:
    def __init__(self):
        self.parcalar = []

    def write(self, s):
        self.parcalar.append(s)
        return len(s)


t = Toplayici()
print("hasta", "Ayşe", sep="-", file=t)
print(3, 4.5, end="", file=t)
print(t.parcalar)

eski = sys.stdout
sys.stdout = Toplayici()
print("gizli satır")
yakalanan = sys.stdout.parcalar
sys.stdout = eski
print("yakalanan:", yakalanan)

k = Toplayici()
with contextlib.redirect_stdout(k):
    print("rapor hazır")
print("dışarıda", k.parcalar)

ad, tutar = "Şebnem", 12.5
print(f"{ad=:}", f"{ad=}", f"{tutar=:.2f}", format(tutar, "08.3f"), tutar.__format__(">7"))
for kalip in ("{0.}", "{0[]}"):
    try:
        kalip.format([1])
    except ValueError as e:
        print("ValueError:", e)
try:
    str(1, "utf-8")
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", file="dosya")
except AttributeError as e:
    print("AttributeError:", e)
