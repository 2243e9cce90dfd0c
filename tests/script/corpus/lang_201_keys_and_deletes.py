# Stop 55's probes: keys of the script's own given to sorted, list.sort, min and max (called
# item by item, the list empty while list.sort makes them), `del` of a parenthesized tuple or
# list of names, `import math.sqrt`, and json.loads of bytes that are not UTF-8.
import json

notlar = {"Ayşe": [90, 72], "Mehmet": [65, 88], "Zeynep": [90, 95]}


def ortalama(ad):
    puanlar = notlar[ad]
    print("  anahtar:", ad)
    return sum(puanlar) / len(puanlar)


print(sorted(notlar, key=ortalama, reverse=True))
print(max(notlar, key=ortalama), min(notlar, key=ortalama))
print(max([], key=ortalama, default="kimse yok"))

sira = [3, 1, 2]


def uzunluk_bak(x):
    print("  liste uzunluğu sıralama sırasında:", len(sira))
    return -x


sira.sort(key=uzunluk_bak)
print(sira)


def ekleyen(x):
    sira.append(x)
    return x


try:
    sira.sort(key=ekleyen)
except ValueError as e:
    print("ValueError:", e, sira)


def bozuk(x):
    if x == 2:
        raise KeyError(x)
    return x


try:
    sira.sort(key=bozuk)
except KeyError as e:
    print("KeyError:", e, sira)


def bolen_sayisi(n):
    return len([d for d in range(1, n + 1) if n % d == 0])


print(sorted(range(1, 200), key=bolen_sayisi)[-3:])

a = b = c = 1
d = [1, 2, 3]
del (a, [b, d[0]]), c
print(d, "a" in dir(), "b" in dir(), "c" in dir())

try:
    import math.sqrt
except ImportError as e:
    print(type(e).__name__, e)

try:
    json.loads(b'{"x": "caf\xe9"}')
except UnicodeDecodeError as e:
    print(e)
    print(e.reason, e.start, e.end, e.encoding)
