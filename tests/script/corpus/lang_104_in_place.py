# In-place operators change the object itself, so every name for it sees the change: a
# shared inventory (dict |=), sets of seats (|= &= -= ^=), a list doubled (*=), and Counters
# updated and compared (a missing count is zero).
import asyncio
from collections import Counter, defaultdict


async def depo_güncelle(stok, gelen):
    await asyncio.sleep(0.1)
    stok |= gelen


async def main():
    stok = {"elma": 3}
    takma_ad = stok
    await asyncio.gather(depo_güncelle(stok, {"armut": 5}), depo_güncelle(stok, {"elma": 7}))
    print(takma_ad, takma_ad is stok)
    stok |= [("kiraz", 1), ("elma", 0)]
    print(takma_ad)

    dolu = {1, 2, 3}
    kopya = dolu
    dolu |= {4}
    dolu -= {1}
    dolu &= {2, 3, 4, 6}
    dolu ^= {3, 5}
    print(kopya, kopya is dolu)
    try:
        dolu |= [5]
    except TypeError as e:
        print(e)

    sıra = ["a", "b"]
    aynı = sıra
    sıra *= 2
    print(aynı)
    sıra *= 0
    print(aynı, aynı is sıra)

    sayım = Counter(a=2, b=1)
    eski = sayım
    sayım -= Counter(a=3)
    print(eski, eski is sayım)
    sayım += Counter(c=2)
    sayım.subtract({"c": 2})
    print(sayım == Counter(b=1), Counter(a=1) != Counter(a=1, b=0), Counter(a=1) == {"a": 1})

    gruplar = defaultdict(list)
    g2 = gruplar
    gruplar |= {"x": [1]}
    gruplar["y"].append(2)
    print(g2)


asyncio.run(main())
