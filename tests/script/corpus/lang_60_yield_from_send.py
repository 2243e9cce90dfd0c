# yield from passes what is sent to the generator it delegates to, and returns its value;
# a generator that raises StopIteration raises RuntimeError from it (its cause).
def inner():
    x = yield 1
    print("inner got", x)
    y = yield 2
    print("inner got", y)
    return 5
def outer():
    r = yield from inner()
    print("r", r)
    yield "last"
g = outer()
print(next(g))
print(g.send("hi"))
print(g.send("there"))
def gen():
    yield 1
    raise StopIteration
try:
    list(gen())
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
def avg():
    total, n = 0, 0
    while True:
        v = yield (total / n if n else None)
        total += v
        n += 1
def wrapper():
    yield from avg()
w = wrapper()
next(w)
print(w.send(10), w.send(20), w.send(60))
