# Anahtar sözcüklerle yapılmış bir bağlam yöneticisi süsleyici olarak: her çağrıda aynı anahtar sözcüklerle yeniden yapılır.
from contextlib import contextmanager


@contextmanager
def kayıt(doktor, *, oda=1):
    print(f"{doktor} {oda}. odada başladı")
    yield
    print(f"{doktor} {oda}. odada bitirdi")


@kayıt("Dr. Ayşe", oda=3)
def muayene(hasta):
    print("  muayene:", hasta)


muayene("Ali")
muayene("Can")
