# A display of constant tuples is a frozenset constant first, as CPython compiles it; equal
# displays share the first one's layout; & keeps the smaller set's elements; pop walks the
# table of a big set as CPython's does.
koordinatlar = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}
print(koordinatlar)
print({13, 5, 100})
print({100, 5, 13}, {100.0, 5, 13})
print({0} & {False}, {1, 2, 3} & {1.0, 2}, {1.0, 2} & {1, 2, 3})
büyük = set(range(1001))
print(büyük.pop(), büyük.pop(), büyük.pop(), len(büyük))
kalan = 0
while büyük:
    büyük.pop()
    kalan += 1
print(kalan)
