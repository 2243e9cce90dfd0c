# dict.keys(), .values() and .items() are live views of the dict, printed as CPython prints them.
stock = {"elma": 10, "armut": 3}
keys, values, items = stock.keys(), stock.values(), stock.items()
print(keys, values, items)
stock["yeni"] = 1
print(keys, values, items)
print(len(keys), "elma" in keys, "muz" in keys, 3 in values, ("armut", 3) in items, ("armut", 4) in items)
print(list(keys), sorted(values), dict(items), sum(values), max(keys), tuple(items)[0])
for name, count in stock.items():
    print(f"{name:>6}: {count}")
print(bool({}.keys()), bool(keys), type(keys).__name__, type(items).__name__)
try:
    keys[0]
except TypeError as e:
    print("TypeError:", e)
print(list(enumerate(stock.values())), [k.upper() for k in stock.keys()])
print(str(stock.items()), repr({}.values()))
try:
    for k in stock.keys():
        del stock[k]
except RuntimeError as e:
    print("RuntimeError:", e, stock)
