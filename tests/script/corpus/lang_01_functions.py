def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"

print(greet("Ada"))
print(greet("Ada", "Hi"))
print(greet("Ada", punct="?"))
print(greet(punct=".", name="Bob", greeting="Bye"))

def total(*args, **kwargs):
    print("args:", args, "kwargs:", kwargs)
    return sum(args) + sum(kwargs.values())

print(total())
print(total(1, 2, 3))
print(total(1, x=10, y=20))
nums = [4, 5]
opts = {"z": 100}
print(total(*nums, **opts))

def connect(host, *, port=80, secure=False):
    return f"{host}:{port} secure={secure}"

print(connect("example.org"))
print(connect("example.org", port=443, secure=True))

def pos_only(a, b, /, c):
    return a + b + c
print(pos_only(1, 2, c=3))

square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2))
print(list(map(lambda s: s.upper(), ["a", "b"])))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))

def nothing():
    pass
print(nothing())
print(greet.__name__, square.__name__)
