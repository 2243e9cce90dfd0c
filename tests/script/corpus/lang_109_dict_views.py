# Comparing two clinics' patient lists by their dicts' keys: views compare as sets and take
# set operators; a dict that holds itself compares with itself.
sabah = {"Ali": 3, "Ayşe": 5, "Can": 1}
öğle = {"Can": 2, "Ali": 4, "Deniz": 7}

print(sabah.keys() == {"Ali", "Ayşe", "Can"}, sabah.keys() == öğle.keys())
print(sorted(sabah.keys() & öğle.keys()), sorted(sabah.keys() | öğle.keys()))
print(sorted(sabah.keys() - öğle.keys()), sorted(sabah.keys() ^ öğle.keys()))
print(sorted(sabah.keys() & ["Ali", "Zeynep"]), sorted(sabah.items() & {("Ali", 3), ("Can", 2)}))
yeni = dict(reversed(list(sabah.items())))
print(list(yeni), yeni.keys() == sabah.keys(), yeni.items() == sabah.items(), yeni.values() == sabah.values())

kayıt = {"ad": "kayıt"}
kayıt["kendisi"] = kayıt
print(kayıt == kayıt, kayıt)
