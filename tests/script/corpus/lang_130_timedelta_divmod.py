# A duration split with divmod and %: minutes into hours, with negative durations and
# divisors rounding down as Python rounds.
from datetime import timedelta as T
for a, b in [(T(minutes=127), T(hours=1)), (T(minutes=-127), T(hours=1)), (T(minutes=127), T(hours=-1)), (T(seconds=10), T(seconds=3))]:
    print(a % b, divmod(a, b), a // b)
print(divmod(7, 2), divmod(-7.5, 2))
