import string

# Int division rounds once from the exact quotient, as CPython's does.
print(3**38 / 10, (2**62 - 1) / (2**53 + 1), 1 / (2**62 + 1), -(2**62) / 3, 0 / -(2**60))
try:
    divmod(7.5, 0)
except ZeroDivisionError as e:
    print("divmod:", e)
try:
    divmod(7, 0)
except ZeroDivisionError as e:
    print("divmod:", e)

# A type's methods, unbound, and an int's numerator.
notlar = [85.0, 72.5, 90.0]
print(list(filter(float.is_integer, notlar)))
print(int.bit_length(255), tuple.count((1, 2, 1), 1), (7).numerator, (7).denominator, True.numerator)
print(list(map(int.bit_count, [1, 3, 7])), float.as_integer_ratio(0.5), int.bit_length(True))
print(string.capwords("  merhaba   dünya  nasılsın "), string.capwords("a-b-c", "-"))
try:
    float.is_integer(3)
except TypeError as e:
    print(e)
