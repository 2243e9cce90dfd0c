# Abstract methods of every kind a learner stacks decorators for: a classmethod factory,
# a staticmethod and a property over abstractmethod keep the class abstract until overridden.
from abc import ABC, abstractmethod


class Cihaz(ABC):
    @classmethod
    @abstractmethod
    def varsayılan(cls):
        ...

    @staticmethod
    @abstractmethod
    def birim():
        ...

    @property
    @abstractmethod
    def ad(self):
        ...


class Termometre(Cihaz):
    @classmethod
    def varsayılan(cls):
        return cls()

    @staticmethod
    def birim():
        return "°C"

    @property
    def ad(self):
        return "termometre"


class YarımTermometre(Cihaz):
    @staticmethod
    def birim():
        return "°F"


t = Termometre.varsayılan()
print(t.ad, Termometre.birim(), isinstance(t, Cihaz))
for sınıf in (Cihaz, YarımTermometre):
    try:
        sınıf()
    except TypeError as e:
        print(e)
