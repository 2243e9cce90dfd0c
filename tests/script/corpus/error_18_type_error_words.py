age = 25
try:
    print("yaş: " + age)
except TypeError as e:
    print("TypeError:", e)
try:
    print([1, 2] + (3,))
except TypeError as e:
    print("TypeError:", e)
try:
    print((1,) + [2])
except TypeError as e:
    print("TypeError:", e)
try:
    print("-" * 2.5)
except TypeError as e:
    print("TypeError:", e)
try:
    print([0] * [3])
except TypeError as e:
    print("TypeError:", e)
try:
    print(1.5 * "ab")
except TypeError as e:
    print("TypeError:", e)
try:
    print(age + "1")
except TypeError as e:
    print("TypeError:", e)
try:
    first, second = None
except TypeError as e:
    print("TypeError:", e)
print("yaş: " + str(age), f"yaş: {age}", "-" * 3)
total = 10
print("toplam: " + total)
