# The mistakes a learner makes in a call, refused in CPython's words instead of run with the
# argument silently dropped: a misspelt keyword, one argument too many; a format spec built
# from fields; an augmented assignment's error; "is" with a literal; a function's own
# attributes (a decorator that counts calls), defaults and docstring; every value's class.
scores = [72, 95, 88]
tries = [
    lambda: sorted(scores, reversed=True),
    lambda: print("total:", sum(scores), seperator=" = "),
    lambda: scores.append(100, 101),
    lambda: max(scores, keyy=abs),
    lambda: int("42", bas=10),
    lambda: range(0, 10, step=2),
    lambda: "Ali".upper(1),
    lambda: "a,b".split(separator=","),
    lambda: {"a": 1}.get("a", 0, 1),
    lambda: scores.insert(0, 5, 6),
    lambda: len(scores, 2),
    lambda: round(2.675, ndigit=2),
    lambda: enumerate(scores, begin=1),
    lambda: " ".join(["a"], sep=" "),
    lambda: scores.sort(True),
    lambda: "{0} {}".format(1, 2),
]
for attempt in tries:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
    except ValueError as e:
        print("ValueError:", e)
print(sorted(scores, reverse=True), max(scores, key=abs), int("101", base=2), "a,b".split(sep=","))
for name, score in [("Ali", 9.5), ("Ayşe", 10)]:
    print("[{:<{}}|{:>{w}.1f}]".format(name, 6, score, w=6))

total = 0
try:
    total += "5"
except TypeError as e:
    print("TypeError:", e)

name = "bob"
print(name is "bob", name == "bob")


def count_calls(func):
    def wrapper(*args):
        wrapper.calls += 1
        return func(*args)

    wrapper.calls = 0
    wrapper.__name__ = func.__name__
    return wrapper


@count_calls
def greet(who):
    """Say hello."""
    return "Hello, " + who


def add_item(item, box=[]):
    """Adds an item to the box."""
    box.append(item)
    return box


print(greet("Ali"), greet("Ayşe"), greet.calls, greet.__name__)
add_item(1)
add_item(2)
print(add_item.__defaults__, add_item.__doc__)
print((5).__class__.__name__, "x".__class__.__name__, [].__class__, add_item.__class__.__name__)
