# CPython's compiler warns of the classic slips before the program runs: an assert of a tuple,
# a literal called or indexed where a comma is missing, and is with a literal; its tokenizer
# warns first, of a keyword written straight after a number.
x = 5
try:
    assert(x > 10, "x too small")
    print("assert passed")
except AssertionError:
    print("failed")
print((lambda: 3)(), [1, 2][0], "abc"[1:], (1, 2)[True])
try:
    points = [
        (1, 2)
        (3, 4)
    ]
except TypeError as e:
    print("TypeError", e)
try:
    print([1, 2]["a"])
except TypeError as e:
    print("TypeError", e)
if x is 5:
    print("is")
kalan = 10if x > 3 else 0
print(kalan, 1or 5)
