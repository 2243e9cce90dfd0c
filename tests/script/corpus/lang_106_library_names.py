# The library's own classes as CPython's messages name them, and details of the collections
# a learner prints: an OrderedDict's order counts in ==, a defaultdict shows its factory,
# math refuses a str in its own words.
import math
from collections import OrderedDict, defaultdict, deque
from datetime import datetime, timedelta

sıra1 = OrderedDict(ali=1, ayşe=2)
sıra2 = OrderedDict(ayşe=2, ali=1)
print(sıra1 == sıra2, dict(sıra1) == dict(sıra2), sıra1 == {"ayşe": 2, "ali": 1})
gruplar = defaultdict(list)
print(gruplar.default_factory, defaultdict(int).default_factory.__name__)

for yanlış in [lambda: math.sqrt("16"), lambda: math.floor(None), lambda: math.isclose("a", 1)]:
    try:
        yanlış()
    except TypeError as e:
        print(e)

randevu = datetime(2024, 3, 1, 9, 30)
for yanlış in [lambda: randevu - 1, lambda: timedelta(hours=1) + "1", lambda: len(randevu), lambda: deque() - 1]:
    try:
        yanlış()
    except TypeError as e:
        print(e)
try:
    randevu.saat
except AttributeError as e:
    print(e)
try:
    {gruplar: 1}
except TypeError as e:
    print(e)
print(randevu + timedelta(minutes=45))
