# A set of a dict's keys is laid out as CPython's (its table sized for them first), and
# logging's corners a learner meets: loggers made child first, a lone dict argument,
# an extra field that clashes, and the deprecated warn().
import logging

stok = {"elma": 1, "armut": 2, "muz": 3, "kiraz": 4, "üzüm": 5, "incir": 6}
print(set(stok))
print({*stok})
print({*stok, "ayva"})
print(set(list(stok)))
print(set({"a": 1, "b": 2}))

logging.basicConfig(format="%(levelname)s %(name)s: %(message)s | %(args)s")
db = logging.getLogger("uygulama.db")
print(db.parent.name)
uygulama = logging.getLogger("uygulama")
print(db.parent.name, uygulama.parent.name)
web = logging.getLogger("uygulama.web.api")
orta = logging.getLogger("uygulama.web")
print(web.parent.name, orta.parent.name)

db.warning("%(tablo)s tablosu kilitli", {"tablo": "siparis"})
db.warning("iki değer: %s %s", 1, 2)
try:
    db.warning("çakışma", extra={"name": "başka"})
except KeyError as e:
    print("KeyError:", e)
db.warning("ek alan", extra={"kullanici": "ayse"})
db.warn("eski yöntem")
db.warn("eski yöntem")
logging.warn("eski işlev")
