# Sets made by |, &, - and ^, their in-place forms and methods, set(s) and s.copy() are laid
# out as CPython lays out their tables, so they print in CPython's order.
a = set({3849, 3151, -3103, 1036, -4620})
b = {-4244, 4894, 3271, -4072, 1351, 2600, -3960}
print(a, set(a), a.copy())
print(a | b, a & b, a - b, a ^ b)
print({2, 21} | {23, 8, 24}, {0, 8} ^ {1, 4})
c = a.union(b)
c -= {3849, 2600}
print(c, c.union([77, 5]), c.intersection([1036, 4894, 9]))
c ^= {5, 6, 1351}
print(c)
d = {x * 3 for x in range(12)}
d.update([40, 41, 42])
d.difference_update(range(0, 12))
print(d, d.pop(), d)
d.symmetric_difference_update({100, 15, 18})
print(d)
