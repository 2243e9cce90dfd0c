# A timesheet: durations added, scaled and divided as CPython does it exactly (a float's
# ratio, rounded half to even), and the operations a timedelta refuses.
from datetime import timedelta

vardiya = timedelta(hours=7, minutes=45)
mola = timedelta(minutes=50)
print("net:", vardiya - mola, "| haftalık:", (vardiya - mola) * 5)
print("fazla mesai x1.5:", timedelta(hours=2, minutes=10) * 1.5)
print("onda biri:", timedelta(microseconds=8481265) * 0.1)
print("üçte biri:", timedelta(hours=1) / 3, timedelta(hours=1) / 7)
print("kaç mola:", vardiya // mola, "kalan:", vardiya % mola, divmod(vardiya, mola))
print("bool ile:", vardiya * True, vardiya * False)
for islem in (lambda: vardiya % 5, lambda: divmod(vardiya, 7), lambda: vardiya // 2.5):
    try:
        print(islem())
    except TypeError as e:
        print("TypeError:", e)
print("oran:", round(mola / vardiya, 3), "saniye:", vardiya.total_seconds())
