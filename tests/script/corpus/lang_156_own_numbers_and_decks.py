# A learner's own number and card deck: math's floor, ceil and trunc ask the object,
# random.choice indexes a class with __len__ and __getitem__, and a bytes seed is a seed.
import math
import random


class Para:
    """Kuruş hassasiyetinde para."""

    def __init__(self, kurus):
        self.kurus = kurus

    def __floor__(self):
        return self.kurus // 100

    def __ceil__(self):
        return -(-self.kurus // 100)

    def __trunc__(self):
        return int(self.kurus / 100)

    def __repr__(self):
        return f"Para({self.kurus / 100:.2f} TL)"


fiyat = Para(1999)
print(fiyat, math.floor(fiyat), math.ceil(fiyat), math.trunc(fiyat))
borc = Para(-250)
print(borc, math.floor(borc), math.ceil(borc), math.trunc(borc))


class Deste:
    renkler = "♠♥♦♣"
    degerler = ["A", "K", "Q", "J", "10"]

    def __init__(self):
        self.kartlar = [d + r for r in self.renkler for d in self.degerler]

    def __len__(self):
        return len(self.kartlar)

    def __getitem__(self, i):
        return self.kartlar[i]


random.seed(42)
deste = Deste()
print(len(deste), "kart")
print([random.choice(deste) for _ in range(5)])

random.seed(b"loopscope")
print(random.randint(1, 1000), random.random())
random.seed("loopscope")
print(random.randint(1, 1000))

if __debug__:
    print("assert'ler açık")
