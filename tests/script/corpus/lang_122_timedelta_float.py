from datetime import timedelta

# A timedelta of float seconds keeps the whole seconds exactly and rounds the fraction once,
# as CPython's (1.9999995 s is 2 seconds).
for saniye in [1.9999995, 2.0000005, 0.0000015, 59.9999999, 3600.5000005, -0.0000005]:
    print(repr(timedelta(seconds=saniye)), timedelta(milliseconds=saniye))
print(timedelta(minutes=1.25, seconds=0.5), timedelta(hours=0.1), timedelta(days=0.3333333))

# % with a mapping: after a key, no argument is left for a spec without one.
d = {"ad": "Ece", "yaş": 20}
print("%s ve %(ad)s" % d)
print("%(ad)s %(yaş)d %%" % d)
try:
    print("%(ad)s %s" % d)
except TypeError as e:
    print(e)
