# A generator whose body makes a call deep enough to run in a frame of its own stays running
# while the call runs, as in CPython: resumed or closed from inside the call, it is "already
# executing"; the exception it is handling is still being handled in the call; and when the
# call returns, the generator goes on where it was.
G = None


def chain(n):
    if n == 0:
        try:
            next(G)
        except ValueError as e:
            print("next:", e)
        try:
            for x in G:
                pass
        except ValueError as e:
            print("for:", e)
        try:
            G.close()
        except ValueError as e:
            print("close:", e)
        return 0
    r = chain(n - 1) + 1
    if n % 100 == 0:
        print("back at", n)
    return r


def gen():
    yield chain(500)
    yield "after the call"


def handled_in_call():
    try:
        raise
    except BaseException as e:
        return repr(e)


def handling():
    try:
        raise ValueError("handled")
    except ValueError:
        yield deep_call(300, handled_in_call)
        yield handled_in_call()


def deep_call(n, f):
    return f() if n == 0 else deep_call(n - 1, f)


def deep(n, make):
    if n == 0:
        global G
        G = make()
        return [x for x in G]
    return deep(n - 1, make)


print(deep(50, gen))
print(deep(150, handling))
