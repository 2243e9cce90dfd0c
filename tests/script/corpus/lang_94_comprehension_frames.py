# A comprehension whose iterable raises (a generator that fails): CPython's traceback marks
# the whole comprehension in its own frame (<listcomp>, <dictcomp>, <setcomp>).
def g():
    yield 1
    raise ValueError("x")
def h():
    return {k: v for k in "ab" for v in g()}
try:
    h()
except ValueError:
    import traceback
    traceback.print_exc()
kareler = {x * x for x in g()}
