# __index__ olan bir nesne tamsayı yerine geçer: dizin, tekrar, range, bin/hex/oct.
class Sıra:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


hastalar = ["Ali", "Ayşe", "Can"]
ikinci = Sıra(1)
print(hastalar[ikinci], "ab" * Sıra(3), list(range(Sıra(4))))
print(bin(Sıra(5)), hex(Sıra(255)), oct(Sıra(8)), (1, 2, 3)[Sıra(-1)])


class Yanlış:
    def __index__(self):
        return "bir"


try:
    hastalar[Yanlış()]
except TypeError as e:
    print("TypeError:", e)
