a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
x, (y, z) = 1, (2, 3)
print(x, y, z)
head, *mid, tail = range(2)
print(head, mid, tail)
n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 2; print(n)
n //= 5; print(n)
n **= 3; print(n)
n %= 7; print(n)
n /= 2; print(n)
s = "ab"; s *= 3; print(s)
lst = [1]; lst += [2, 3]; print(lst)
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0 != 2, 3 > 2 >= 2)
print(0 or "default", "" or None, "x" and "y", 0 and 1/0, None or 0)
print(not 0, not "a", not [])
print(1 and 2 and 3, 1 or 2)
print(2 in [1, 2], "ell" in "hello", "k" in {"k": 1}, 5 not in (1, 2))
l1 = [1, 2]; l2 = [1, 2]; l3 = l1
print(l1 == l2, l1 is l2, l1 is l3, None is None, l1 is not l2)
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 4, 256 >> 2)
print(True + True, True * 10, False == 0)
