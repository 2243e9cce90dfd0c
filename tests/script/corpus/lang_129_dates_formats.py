# Dates as learners print them: strftime with glibc's %-d and the week numbers, isoformat's
# timespec, a naive time's empty zone; int() of big floats; a format field's [-1].
from collections import OrderedDict, defaultdict
from datetime import datetime, timedelta

randevu = datetime(2024, 7, 1, 8, 5, 9, 1234)
print(randevu.strftime("%-d.%-m.%Y %-H:%M"), randevu.strftime("hafta %U/%W, ISO %G-%V-%u"))
print(randevu.strftime("%k|%l %P|%Z|%z|"))
for t in ["auto", "hours", "minutes", "seconds", "milliseconds"]:
    print(t, randevu.isoformat(timespec=t), (randevu + timedelta(microseconds=-1234)).isoformat(" ", t))
print(int(9.2e18), int(-9.2e18))
try:
    print("{0[-1]}".format([1, 2]))
except TypeError as e:
    print("TypeError:", e)
try:
    print(f"{True:s}")
except ValueError as e:
    print("ValueError:", e)
print(OrderedDict.fromkeys("ab", 0), defaultdict.fromkeys("xy"))
