from datetime import timedelta

# A timedelta of float seconds keeps the whole seconds exactly and rounds the fraction once,
# as CPython's (1.9999995 s is 2 seconds).
for saniye in [1.9999995, 2.0000005, 0.0000015, 59.9999999, 3600.5000005, -0.0000005]:
    print(repr(timedelta(seconds=saniye)), timedelta(milliseconds=saniye))
print(timedelta(minutes=1.25, seconds=0.5), timedelta(hours=0.1), timedelta(days=0.3333333))
