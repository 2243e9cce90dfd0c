# An error raised in a `finally` block while another is on its way out: CPython prints
# both, the first one and then "During handling of the above exception…".
def kaydet(dosya):
    try:
        raise ConnectionError(f"{dosya}: bağlantı koptu")
    finally:
        print("temizlik")
        kapat(dosya)


kaydet("rapor.txt")
