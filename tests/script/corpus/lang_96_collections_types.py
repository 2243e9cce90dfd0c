# collections' Counter, defaultdict and OrderedDict are classes of their own, dicts all the
# same: type(), isinstance and the messages name them as CPython does; Counters order as multisets.
from collections import Counter, defaultdict, OrderedDict, deque
c = Counter("kelebek")
print(type(c), Counter, isinstance(c, Counter), isinstance(c, dict), type(c).__name__)
d = defaultdict(list)
d["a"].append(1)
print(type(d), isinstance(d, defaultdict), isinstance({}, defaultdict), d)
o = OrderedDict(a=1)
print(type(o), isinstance(o, OrderedDict), o)
print(c.most_common(2), type(c) is Counter, type({}) is dict)
try:
    c.nope
except AttributeError as e:
    print(e)
try:
    len(5, c)
except TypeError as e:
    print(e)
try:
    c + 1
except TypeError as e:
    print(e)
print(Counter(a=1) + Counter(a=2), dict(c) == c)
a, b = Counter("aab"), Counter("ab")
print(a >= b, a <= b, a > b, a < b, b < a, a == a.copy(), a < a, a <= a)
print(Counter(x=1) <= Counter(x=1, y=0), Counter(x=1, y=-1) < Counter(x=1))
try:
    print(a < {"a": 1})
except TypeError as e:
    print(e)
