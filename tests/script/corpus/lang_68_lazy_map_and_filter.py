# map() and filter() are lazy, as CPython's: their function runs as items are taken (any()
# stops at the first true one; a list appended to meanwhile gives its new items), and they,
# enumerate() and itertools' iterators are of their own types.
import itertools
m = map(print, [1, 2])
print("made", type(m).__name__)
lst = [1, 2, 3]
m2 = map(lambda x: x * 2, lst)
lst.append(4)
print(list(m2))
def check(x):
    print("check", x)
    return x > 2
print(any(map(check, [1, 3, 5])))
f = filter(check, [1, 3, 5])
print(type(f).__name__, next(f))
try:
    m3 = map(int, ["1", "x"])
    print("created")
    print(list(m3))
except ValueError as e:
    print("ValueError", e)
print(type(enumerate([])).__name__, type(itertools.count()).__name__, type(zip((x for x in []), [])).__name__)
print(list(map(pow, [2, 3], [3, 2])), list(filter(None, [0, 1, "", "a"])))
print(sorted(map(str, range(12))), sum(map(len, ["ab", "c"])))
