# OrderedDict: move_to_end (to either end), popitem from either end, its repr, and a small
# least-recently-used cache.
from collections import OrderedDict
od = OrderedDict(a=1, b=2)
od["c"] = 3
od.move_to_end("a")
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od2 = OrderedDict([("x", 1), ("y", 2), ("z", 3)])
od2.move_to_end("z", last=False)
print(od2, OrderedDict(), dict(od2), od2.copy(), len(od2), od2["y"])
try:
    od2.move_to_end("nope")
except KeyError as e:
    print("KeyError", e)
cache = OrderedDict()
for k in "abcab":
    if k in cache:
        cache.move_to_end(k)
    cache[k] = cache.get(k, 0) + 1
    if len(cache) > 2:
        cache.popitem(last=False)
print(cache)
