# str.format_map: named fields from a mapping (a defaultdict's default too); a positional
# field is CPython's ValueError
from collections import defaultdict

hasta = {"ad": "Ayşe", "sira": 3}
print("{ad} {sira}. sırada".format_map(hasta))
print("{ad}: {durum}".format_map(defaultdict(lambda: "bekliyor", ad="Can")))
for kalip in ("{0}", "{}", "{ad} {0}"):
    try:
        print(kalip.format_map(hasta))
    except ValueError as e:
        print("ValueError:", e)
try:
    print("{yas}".format_map(hasta))
except KeyError as e:
    print("KeyError:", e)
