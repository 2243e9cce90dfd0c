# A named argument given None: CPython's checks name None itself ("not None"), the others
# its type ("not NoneType")
ad = None
for dene in (
    lambda: "dosya.txt".removesuffix(ad),
    lambda: "merhaba".replace(ad, "x"),
    lambda: format(3.5, ad),
    lambda: "ç".encode(ad),
    lambda: str.maketrans("a", ad),
    lambda: "merhaba".count(ad),
    lambda: "merhaba".startswith(ad),
    lambda: "-".join(["a", ad]),
    lambda: "ad: " + ad,
    lambda: int(ad),
):
    try:
        dene()
    except TypeError as e:
        print("TypeError:", e)
