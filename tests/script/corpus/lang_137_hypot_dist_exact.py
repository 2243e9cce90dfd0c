# Hastaların kliniğe uzaklığı: math.hypot ve math.dist CPython'un son basamağına kadar aynı.
import math

klinik = (0.0, 0.0)
hastalar = {"Ayşe": (3.0, 4.0), "Mehmet": (1.0, 1.0), "Zeynep": (0.6149710843806787, 2.7984665765182326)}
for ad, konum in hastalar.items():
    print(ad, repr(math.dist(klinik, konum)), repr(math.hypot(*konum)))
print(repr(math.hypot(1, 1, 1)), repr(math.hypot(2.5, -7.25, 1e-3, 19.0)))
print(math.hypot(), math.hypot(-3), math.dist((1, 2, 3), (4, 6, 3)))
