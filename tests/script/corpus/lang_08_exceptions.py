def attempt(x):
    try:
        print("try", x)
        r = 10 / x
    except ZeroDivisionError as e:
        print("except:", e)
        return "from except"
    else:
        print("else:", r)
        return "from else"
    finally:
        print("finally", x)

print(attempt(2))
print(attempt(0))

class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"no such key: {key}")
        self.key = key

try:
    raise NotFound("cfg")
except AppError as e:
    print(type(e).__name__, "|", e, "|", e.key, "|", repr(e), "|", e.args)

try:
    try:
        {}["x"]
    except KeyError as e:
        raise ValueError("bad config") from e
except ValueError as e:
    print("caught", repr(e), "cause:", repr(e.__cause__))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        undefined_thing_xyz
except NameError as e:
    print("caught", e, "| context:", repr(e.__context__))

try:
    raise ValueError("a", 2)
except (TypeError, ValueError) as e:
    print("tuple of types:", e, e.args)

def finally_wins():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(finally_wins())

try:
    raise RuntimeError
except RuntimeError as e:
    print("bare class:", repr(e), str(e) == "")
try:
    try:
        raise KeyError("k")
    finally:
        print("cleanup")
except Exception as e:
    print("re-raised through finally:", repr(e))
