# Generators: a function with `yield` runs only as far as its next value is asked for.
# `for` stops an endless one; `next`, `send`, `yield from`, StopIteration's value, and a
# generator expression walked once.
def geri_say(n):
    print("geri sayım başlıyor:", n)
    while n > 0:
        yield n
        n -= 1
    return "sıfır"


sayac = geri_say(3)
print(type(sayac).__name__)
print(next(sayac), next(sayac))
for kalan in geri_say(2):
    print("kalan", kalan)
print(list(geri_say(3)), sum(geri_say(4)), max(geri_say(2)))


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


for i, f in enumerate(fibonacci()):
    if i == 10:
        break
    print(f, end=" ")
print()


def ortalama():
    toplam, adet = 0, 0
    deger = yield None
    while True:
        toplam += deger
        adet += 1
        deger = yield toplam / adet


o = ortalama()
next(o)
print(o.send(10), o.send(20), o.send(60))


def zincir(*parcalar):
    for parca in parcalar:
        sonuc = yield from parca
        if sonuc:
            print("alt üreteç döndü:", sonuc)


print(list(zincir([1, 2], "ab", geri_say(1))))
son = geri_say(1)
next(son)
try:
    next(son)
except StopIteration as s:
    print("StopIteration:", s.value)
print(next(son, "varsayılan"))
kareler = (x * x for x in range(4))
print(next(kareler), list(kareler), list(kareler))
