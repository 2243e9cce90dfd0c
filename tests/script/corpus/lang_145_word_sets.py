# Kelime kümeleri: bir kümenin sırası CPython'unki gibi (PYTHONHASHSEED=0 ile kaydedildi).
metin = "doktor hastayı muayene etti doktor ilacı yazdı hasta iyileşti"
kelimeler = metin.split()
essiz = set(kelimeler)
print(essiz)
print(len(kelimeler), "kelime,", len(essiz), "farklı")
print(set("merhaba"), set("görev") & set("sonuç"))
hastalar = {"Ayşe", "Mehmet", "Çağrı", "İpek"}
hastalar.add("Şule")
hastalar.discard("Mehmet")
print(hastalar)
print(sorted(hastalar), hastalar.pop())
print({"ilaç", "tahlil"} | {"röntgen"}, {b"ok", b"hata"})
print(hash("görev"), hash("asyncio"), hash(b"bayt"), hash(("görev", 1)))
for harf in set("asyncio"):
    print(harf, end=" ")
print()
