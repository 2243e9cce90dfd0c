# Details a learner meets: print() writes what came before a failing __str__, a class whose
# __init__ passes arguments on to object's, a traceback printed to standard output, a bool's
# int methods, and an error in a decorated class's body, shown at its `class` line.
import sys
import traceback


class Bozuk:
    def __str__(self):
        raise ValueError("yazdırılamaz")


class Hasta:
    def __init__(self, ad):
        super().__init__(ad)
        self.ad = ad


try:
    print("önce", Bozuk(), "sonra")
except ValueError as e:
    print()
    print("yakalandı:", e)

try:
    Hasta("Ali")
except TypeError as e:
    print(e)

try:
    {}["yok"]
except KeyError:
    traceback.print_exc(file=sys.stdout)

print(True.bit_count(), False.bit_length(), True + True, True.real)


def kaydet(c):
    return c


@kaydet
class Oda:
    kapasite = 10 // 0
