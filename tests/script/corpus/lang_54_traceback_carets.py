# A traceback marks the part of each line that failed, as CPython 3.11 does: ^ under a call,
# a name or an attribute (in a chain of calls over lines, under the method's name); under an
# operator or a subscript's brackets, with ~ under the rest.
# Each failing callback's error is logged with its traceback; the last error ends the run.
import asyncio

stock = {"elma": 2}


def binop():
    return stock["elma"] + "1"


def subscript():
    return stock["armut"]


def chained():
    return {"a": {}}["a"]["b"]


def attribute():
    return stock.missing


def call():
    return int("12a")


def augmented():
    stock["erik"] -= 1


def unpack():
    a, b = [1, 2, 3]


def store():
    t = (1, 2)
    t[0] = 5


def deep():
    return helper(3) * 2


def helper(n):
    return [n][n]


def parenthesised():
    return (1) + "a"


def over_two_lines():
    return (1 +
            "a")


def checked():
    n = 0
    assert n > 1, "too small"


def formatted():
    return f"{'a':d}"


def turkish():
    print("Şişli'deki hasta: " + 1)


def wide():
    # a wide character takes two columns on a terminal: two carets, as CPython counts them
    print("🎉 日本 " + len("ğü") + None)


class Builder:
    def add(self):
        return self


def call_chain():
    return (Builder()
            .add()
            .build())


def labelled(f):
    return f.label


def decorated():
    @labelled
    def inner():
        pass


async def main():
    loop = asyncio.get_running_loop()
    for f in [binop, subscript, chained, attribute, call, augmented, unpack, store, deep,
              parenthesised, over_two_lines, checked, formatted, turkish, wide, call_chain,
              decorated]:
        loop.call_soon(f)
    await asyncio.sleep(0.05)
    done, pending = await asyncio.wait([asyncio.sleep(0)])


asyncio.run(main())
