# str.maketrans and str.translate: the Turkish-to-ASCII slug of a task's name, and their errors.
TABLO = str.maketrans("çğıöşüÇĞİÖŞÜ ", "cgiosuCGIOSU-")


def slug(ad):
    return ad.translate(TABLO).lower()


for ad in ["Şehir Hatları Vapuru", "Çay ve Kahve", "İzmir Gözlükçüsü"]:
    print(slug(ad))

print(str.maketrans({"a": "x", 98: None, "c": 100}))
print(str.maketrans("çğ", "cg", "ı"))
print("abc".translate({97: "XY", 98: None}), "abc".translate([None] * 97 + ["Q"]))
print("kahve".maketrans("k", "K"))

for bad in [
    lambda: str.maketrans("ab", "c"),
    lambda: str.maketrans(1),
    lambda: str.maketrans({"ab": 1}),
    lambda: str.maketrans({1.5: 1}),
    lambda: str.maketrans("a", 1),
    lambda: str.maketrans("a", "b", 3),
    lambda: "abc".translate({97: 1.5}),
    lambda: "abc".translate({97: -1}),
    lambda: "abc".translate(),
    lambda: str.maketrans(),
]:
    try:
        print(repr(bad()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
