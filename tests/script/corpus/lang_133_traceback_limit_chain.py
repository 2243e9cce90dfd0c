# traceback modülü: limit= ile kaç çerçeve, chain=False ile zincirsiz.
import traceback


def oku(kayıt):
    return kayıt["yaş"]


def işle(kayıt):
    try:
        return oku(kayıt)
    except KeyError as e:
        raise ValueError("kayıt eksik") from e


try:
    işle({"ad": "Ayşe"})
except ValueError:
    print("--- limit=1 ---")
    traceback.print_exc(limit=1)
    print("--- limit=-1, chain=False ---")
    traceback.print_exc(limit=-1, chain=False)
    print("--- format_exc(limit=0) ---")
    print(repr(traceback.format_exc(limit=0, chain=False)))

try:
    (5).yaş
except AttributeError as e:
    print(e.name, e.obj)
try:
    print(sonuç)
except NameError as e:
    print(e.name)
