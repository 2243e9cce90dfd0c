# What a learner sees when * or ** is given the wrong thing, e.g. a function that forgot its
# return: CPython's words for each place.
def hastalar_getir():
    hastalar = ["Ali", "Ayşe"]   # return unutuldu


def muayene(*adlar, **bilgi):
    return adlar, bilgi


liste = hastalar_getir()
denemeler = [
    lambda: print(*liste),
    lambda: [*liste, "Can"],
    lambda: {*liste},
    lambda: muayene(*liste),
    lambda: muayene(**liste),
    lambda: {**liste},
    lambda: dict([("Ali", 1), ("Ayşe", 2, 3)]),
    lambda: muayene(*5),
]
for dene in denemeler:
    try:
        dene()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, "-", e)
print(muayene(*"ab", **{"oda": 3}))
