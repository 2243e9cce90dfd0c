# yield from an iterator object: its __next__ runs as items are asked for, send() and throw()
# go on to its own send and throw, and the StopIteration that ends it gives yield from's value
class Sayac:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration(f"bitti ({self.n})")
        self.i += 1
        print("  __next__", self.i)
        return self.i

class Konusan(Sayac):
    def send(self, v):
        print("  send", v)
        return self.__next__()
    def throw(self, e):
        print("  throw", type(e).__name__)
        raise StopIteration("throw ile bitti")

def dis(kaynak):
    r = yield from kaynak
    print("dönen:", r)
    return r

for v in dis(Sayac(3)):
    print("aldım", v)

g = dis(Konusan(3))
print(next(g))
print(g.send("x"))
try:
    g.throw(ValueError("v"))
except StopIteration as e:
    print("son:", e.value)

g = dis(Sayac(3))
next(g)
try:
    g.send("y")
except AttributeError as e:
    print("AttributeError:", e)

g = dis([1, 2])
next(g)
try:
    g.send("y")
except AttributeError as e:
    print("AttributeError:", e)

g = dis(Sayac(3))
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)
print(list(dis(iter(range(3)))))
