# timedelta kesirli mikrosaniyeleri yarıda çifte yuvarlar (CPython gibi).
from datetime import timedelta

for us in [0.5, 1.5, 2.5, -1.5, 3.4999]:
    print(us, "->", repr(timedelta(microseconds=us)))
print(timedelta(seconds=1.0000025), timedelta(milliseconds=0.0015), timedelta(minutes=-0.5, seconds=0.25))
