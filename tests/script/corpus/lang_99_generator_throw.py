# A running average that a caller can correct with throw(), as generator tutorials show it.
def ortalama():
    n = 0
    toplam = 0
    ort = None
    while True:
        try:
            değer = yield ort
        except ValueError as e:
            print("hatalı ölçüm atlandı:", e)
            continue
        except GeneratorExit:
            print("ortalama kapanıyor")
            raise
        n += 1
        toplam += değer
        ort = toplam / n


o = ortalama()
next(o)
print(o.send(10), o.send(20))
print(o.throw(ValueError("sensör -999 dedi")))
print(o.send(30))
o.close()


def sayaç():
    try:
        yield 1
        yield 2
    finally:
        print("sayaç bitti")


s = sayaç()
print(next(s))
try:
    s.throw(KeyError, )
except KeyError as e:
    print("geri geldi:", repr(e))
print(list(s))

yeni = ortalama()
try:
    yeni.throw(ValueError("erken"))
except ValueError as e:
    print("başlamadan:", e)
print(list(yeni))
t = ortalama()
t.throw(RuntimeError("hiç başlamadı"))
