# An exception class raised as it is runs its own __init__ (a default message), wherever a
# class stands for an instance; subclasses of built-in exceptions keep what their base does
import asyncio

class YetersizBakiye(Exception):
    def __init__(self, mesaj="Yetersiz bakiye!"):
        super().__init__(mesaj)

class KodluHata(Exception):
    def __init__(self, kod):
        super().__init__(f"kod {kod}")

class UrunYok(KeyError):
    pass

class Cikis(SystemExit):
    pass

class Bitti(StopIteration):
    pass

try:
    raise YetersizBakiye
except YetersizBakiye as e:
    print("Hata:", e, e.args)

try:
    raise ValueError("değer") from YetersizBakiye
except ValueError as e:
    print("neden:", repr(e.__cause__))

def gen():
    try:
        yield 1
    except YetersizBakiye as e:
        print("üreteçte:", e)
        yield 2

g = gen()
next(g)
print(g.throw(YetersizBakiye))

async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.set_exception(YetersizBakiye)
    try:
        await fut
    except YetersizBakiye as e:
        print("future:", e)

asyncio.run(main())

stok = {"kalem": 3}
try:
    if "silgi" not in stok:
        raise UrunYok("silgi")
except KeyError as e:
    print("yok:", e, str(e), repr(e))

try:
    raise Cikis(3)
except SystemExit as e:
    print("kod:", e.code)

def sayac():
    yield 1
    raise Bitti("son")

try:
    print(list(sayac()))
except RuntimeError as e:
    print("RuntimeError:", e, "<-", repr(e.__cause__))
print(next(iter([]), "boş"))

raise KodluHata
