# Generators closed: by close(), by a for loop left early, through yield from and enumerate.
def numbers(name):
    try:
        for i in range(3):
            yield i
    finally:
        print(name, "cleanup")

for n in numbers("break"):
    print("got", n)
    break
print("after break")

def first(name):
    for n in numbers(name):
        return n

print("returned", first("return"))

try:
    for n in numbers("raise"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)

g = numbers("held")
for n in g:
    break
print("held: not closed yet")
g.close()
print("closed:", list(g))

def outer():
    yield from numbers("inner")

o = outer()
print(next(o))
o.close()

for i, n in enumerate(numbers("enumerate")):
    break
print("after enumerate")

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        yield 2

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

fresh = numbers("fresh")
fresh.close()
print("fresh closed without cleanup")

def fails():
    try:
        yield 1
    finally:
        raise KeyError("in finally")

f = fails()
next(f)
try:
    f.close()
except KeyError as e:
    print("KeyError", e)
print(isinstance(GeneratorExit(), BaseException), issubclass(GeneratorExit, Exception))
