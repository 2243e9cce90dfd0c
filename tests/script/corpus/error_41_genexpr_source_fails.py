# Fiyatları bir üreteçten okuyan bir toplam: üreteç bozuk bir kayıtta hata verir.
def fiyatlar(kayıtlar):
    for ad, fiyat in kayıtlar:
        if fiyat < 0:
            raise ValueError(f"{ad}: fiyat eksi olamaz")
        yield fiyat


sepet = [("çay", 12), ("simit", 8), ("börek", -3)]
toplam = sum(f * 2 for f in fiyatlar(sepet))
print("toplam:", toplam)
