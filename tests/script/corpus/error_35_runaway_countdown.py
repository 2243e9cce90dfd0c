# The classic: a countdown with no base case, printing as it goes. It stops at its print,
# as CPython's does (its print is a call of C code that takes a level of the limit).
def geri_say(n):
    print(n)
    geri_say(n - 1)


geri_say(3)
