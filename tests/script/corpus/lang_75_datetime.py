# datetime: datetime and timedelta as CPython prints, formats and counts them, and a task timing
# its own sleep with datetime.now() (the run's clock).
import asyncio
import datetime
from datetime import datetime as dt, timedelta

a = dt(2024, 2, 29, 13, 5, 9)
b = dt(2023, 12, 31, 23, 59, 59, 500)
print(a, repr(a), b, repr(b), repr(dt(2024, 1, 1)), repr(dt(2024, 1, 1, 0, 0, 7)))
print(a.year, a.month, a.day, a.hour, a.minute, a.second, a.microsecond, a.weekday(), a.isoweekday())
print(a.isoformat(), b.isoformat(" "), a.strftime("%d/%m/%Y %H:%M:%S.%f %A %B %j"), f"{a:%H:%M}", f"{a}")
d = a - b
print(d, repr(d), d.days, d.seconds, d.microseconds, d.total_seconds())
print(b - a, repr(b - a), -d, abs(b - a))
print(a + timedelta(days=1, hours=2), a - timedelta(weeks=1), timedelta(minutes=90) + a)
print(timedelta(hours=1.5), timedelta(milliseconds=1.5), timedelta(0), repr(timedelta(0)), repr(timedelta(days=-1)))
print(timedelta(seconds=90) * 2, 3 * timedelta(seconds=1), timedelta(hours=1) / 4, timedelta(hours=1) / timedelta(minutes=10), timedelta(hours=1) // timedelta(minutes=7))
print(timedelta(days=2) > timedelta(hours=47), timedelta(1) == timedelta(hours=24), a > b, a == dt(2024, 2, 29, 13, 5, 9), bool(timedelta(0)))
print(a.replace(year=2025, day=28), type(a).__name__, type(d).__name__, isinstance(a, dt), {a: 1}[dt(2024, 2, 29, 13, 5, 9)])
print(str(timedelta(days=3, seconds=5, microseconds=7)), str(timedelta(days=1)), str(timedelta(seconds=-1)))
for bad in [lambda: dt(2023, 2, 29), lambda: dt(2023, 13, 1), lambda: dt(2023, 1, 1, 24), lambda: dt(2023, 1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(dt.fromtimestamp(0).year >= 1969, datetime.timedelta(seconds=1))

async def job(name, secs):
    start = dt.now()
    await asyncio.sleep(secs)
    took = dt.now() - start
    print(f"{name} took {took.total_seconds():.1f}s", took >= timedelta(seconds=secs - 0.01))

async def main():
    t0 = dt.now()
    await asyncio.gather(job("a", 0.2), job("b", 0.1))
    print(round((dt.now() - t0).total_seconds(), 1))

asyncio.run(main())

for bad in [lambda: dt(9999, 12, 31) + timedelta(days=1), lambda: dt(1, 1, 1) - timedelta(days=1),
            lambda: timedelta(seconds=1) / 0, lambda: timedelta(days=10**9), lambda: dt.fromtimestamp(1e20)]:
    try:
        bad()
    except (OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__, e)

t = timedelta(seconds=75)
print(f"{t}", format(t, ""), f"{dt(2024, 1, 2):%Y}")
try:
    f"{t:>10}"
except TypeError as e:
    print("TypeError:", e)
