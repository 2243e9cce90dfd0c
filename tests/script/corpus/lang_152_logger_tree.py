# Günlükçülerin ağacı: kök RootLogger, bir günlükçünün ebeveyni, işleyici ve süzgeç listeleri.
import logging
kok = logging.getLogger()
a = logging.getLogger("klinik")
b = logging.getLogger("klinik.acil")
c = logging.getLogger("x.y")
print(type(kok).__name__, type(a).__name__, isinstance(kok, logging.Logger), kok, a)
print(b.parent.name, c.parent.name, a.parent is kok, kok.parent, a.handlers, a.filters)
if not a.handlers:
    print("işleyici yok")
logging.basicConfig(level=logging.INFO, format="%(name)s:%(levelname)s:%(message)s")
b.info("hazır")
print(repr(kok), type(kok))
