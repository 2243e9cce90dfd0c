# A decorator's wrapper made with functools.wraps keeps its own attributes (a call counter)
# and the wrapped function's name and docstring; a method reads its function's attributes;
# keywords given by name for positional parameters; which exception is the context of which.
import functools
import random


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)

    wrapper.calls = 0
    return wrapper


@counted
def add(a, b):
    "Add two numbers."
    return a + b


add(1, 2)
add(3, 4)
print(add.calls, add.__doc__, add.__name__, add.__wrapped__.__name__)


class Robot:
    @counted
    def step(self):
        "One step."
        return 1


r = Robot()
r.step()
print(r.step.calls, r.step.__doc__, r.step.__self__ is r, r.step.__func__.__name__)

random.seed(7)
print(round(number=2.567, ndigits=1), pow(2, 3, mod=5), str(object=5), list(enumerate(iterable="ab", start=1)))
print(random.sample(range(10), k=3), random.randint(a=1, b=6), random.choice(seq="xyz"))


class Money:
    def __add__(self, other):
        return 1 + "x"


m = Money()
try:
    m += 1
except TypeError as e:
    print("TypeError:", e)

shared = KeyError("k")
for outer in (ValueError("first"), TypeError("second")):
    try:
        try:
            raise outer
        except Exception:
            raise shared
    except KeyError as e:
        print("context:", repr(e.__context__))


def reconnecting():
    try:
        raise ConnectionError("lost")
    except ConnectionError:
        yield "reconnecting"


gen = reconnecting()
print(next(gen))
try:
    raise KeyError("later")
except KeyError as e:
    print("context of a later error:", repr(e.__context__))
