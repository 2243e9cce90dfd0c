# The string module's constants, as CPython's: each one's length and text, a filter over
# them, and a seeded random name drawn from letters and digits.
import random
import string

random.seed(3)
for name in ("ascii_lowercase", "ascii_uppercase", "ascii_letters", "digits", "hexdigits", "octdigits", "punctuation", "whitespace", "printable"):
    value = getattr(string, name)
    print(name, len(value), repr(value))
print("".join(c for c in "Merhaba, Dünya! 2026" if c in string.ascii_letters + string.digits))
print(len(set(string.printable)), string.digits.index("7"))
print("".join(random.choice(string.ascii_letters + string.digits) for _ in range(12)))
