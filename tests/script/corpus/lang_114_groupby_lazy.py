from itertools import chain, count, groupby, islice

# groupby reads its input as its groups are walked: the key function's prints come between
# the groups' items, and an endless input works.
def anahtar(x):
    print("  anahtar", x)
    return x // 10

for k, grup in groupby([1, 2, 11, 12, 25], key=anahtar):
    print("grup", k)
    for x in grup:
        print("   eleman", x)

print(list(islice(((k, list(g)) for k, g in groupby(count(), key=lambda n: n // 3)), 3)))

def şehirler():
    for ad in ["Van", "Muş", "Rize"]:
        print("okunuyor:", ad)
        yield ad

for harf in islice(chain.from_iterable(şehirler()), 4):
    print(harf)
