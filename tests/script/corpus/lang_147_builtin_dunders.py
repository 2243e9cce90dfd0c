# Yerleşik türlerin özel yöntemleri: bir sözlüğün __getitem__'i sıralama anahtarı olarak, str.__len__ ...
puan = {"Ali": 70, "Ece": 95, "Can": 80}
print(max(puan, key=puan.__getitem__), sorted(puan, key=puan.__getitem__))
print("abc".__len__(), str.__len__("hey"), [1, 2].__contains__(2), (3).__add__(4), int.__add__(1, 2))
print((1).__add__("a"), (1).__eq__("a"), (1).__lt__("a"), (1).__eq__(1.0), "a".__eq__("a"), "a".__ne__(1))
print(type([1].__iter__()).__name__, list({"a": 1}.__iter__()), "x".__repr__(), (2.5).__str__())
l = [1, 2, 3]
l.__setitem__(0, 9); l.__delitem__(1)
print(l, l.__getitem__(-1), hash(5) == (5).__hash__(), (0).__bool__())
print(list(map(str.upper, ["a", "b"])), list(map("-".__add__, ["x", "y"])))
print(dict.__getitem__({"k": 1}, "k"), tuple.__len__((1, 2)), (7).__mod__(3), (2).__pow__(10))
try:
    "a".__add__(1)
except TypeError as e:
    print("TypeError:", e)
try:
    [].__getitem__(3)
except IndexError as e:
    print("IndexError:", e)
print((2.567).__round__(2), (7).__round__(), (-3).__abs__(), (5).__neg__(), (2.9).__int__(), (3).__float__())
