# Birden çok satıra yayılan bir liste üreteci hata verirse: CPython'un yazıcısı ilk satırın sonunu baytlarla arar.
def ortalama(notlar):
    return sum(notlar) / len(notlar)


sınıflar = {"9-A": [80, 90], "9-B": []}
sonuçlar = [
    ortalama(notlar) for ad, notlar in sınıflar.items()
]
print(sonuçlar)
