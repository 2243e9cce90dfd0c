# A set's removals leave dummies in its table that the next element probing past them
# takes, so the order it prints in depends on what was removed, as in CPython.
ziyaret = {1, 17, 2}
ziyaret.remove(1)
ziyaret.add(33)
print(ziyaret)

s = set()
for n in [8, 16, 24, 3, 40]:
    s.add(n)
s.discard(16)
s.add(48)
print(s, s.pop(), s.pop(), s)
s.add(56)
print(s)

kuyruk = set(range(0, 100, 7))
while len(kuyruk) > 3:
    print(kuyruk.pop(), end=" ")
print(kuyruk)

# An element probing past several dummies takes the last of them, as CPython's set_add_entry.
büyük = set()
for n in [-3068, 4811, -3656]:
    büyük.add(n)
büyük.pop()
for n in [-4885, -574]:
    büyük.add(n)
büyük.pop(); büyük.add(-4851); büyük.add(3793); büyük.pop()
for n in [-4477, 3163, 2665, 4109, 1887, -4807]:
    büyük.add(n)
büyük.pop(); büyük.pop()
büyük.add(-4510)
print(büyük)
