# zip(strict=True) pairs what it can, then raises where the shortest ends, as a learner
# matching patients to rooms finds out; over a generator too.
hastalar = ["Ali", "Ayşe", "Can"]
odalar = [101, 102]

for hasta, oda in zip(hastalar, odalar):
    print(hasta, "->", oda)

eşler = zip(hastalar, odalar, strict=True)
print(next(eşler))
try:
    for hasta, oda in eşler:
        print("strict:", hasta, oda)
except ValueError as e:
    print("hata:", e)
print(list(eşler))


def sıra():
    yield from range(1, 4)


print(list(zip(sıra(), "abc", strict=True)))
try:
    list(zip("xy", sıra(), strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], [2], [3, 4], strict=True))
except ValueError as e:
    print(e)
for hasta, oda in zip(hastalar, odalar, strict=True):
    print("son tur:", hasta, oda)
