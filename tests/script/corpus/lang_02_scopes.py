counter = 0

def bump():
    global counter
    counter += 1
    return counter

bump(); bump()
print("counter:", counter)

def make_counter(start):
    count = start
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step

c1 = make_counter(10)
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2())

def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]
print([m(10) for m in make_multipliers()])

def late_binding():
    return [lambda x: x * i for i in range(4)]
print([m(10) for m in late_binding()])

x = "global"
def outer():
    x = "outer"
    def inner():
        return x
    return inner()
print(outer(), x)

def read_global():
    return counter * 10
print(read_global())

def shadow():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
shadow()
