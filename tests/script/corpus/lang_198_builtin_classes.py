# map, zip, enumerate, filter, property, functools.partial and the itertools functions are
# classes in CPython: printed as classes, checked with isinstance, compared with type().
import itertools
m = map(str, [1])
print(map, type(map), isinstance(m, map), isinstance(m, (int, map)), isinstance(m, filter))
e = enumerate("ab"); z = zip([1], [2]); f = filter(None, [1])
print(enumerate, zip, filter, isinstance(e, enumerate), isinstance(z, zip), isinstance(f, filter))
print(itertools.count, itertools.chain, isinstance(itertools.count(), itertools.count), isinstance(itertools.chain([1]), itertools.chain))
print(isinstance(itertools.product("a"), itertools.product), isinstance(itertools.islice("ab", 1), itertools.islice))
class P:
    @property
    def x(self): return 1
print(property, staticmethod, classmethod, isinstance(P.__dict__ if False else 1, property))
print(issubclass(int, map), type(zip).__name__, map.__name__)
print(isinstance(reversed([1]), reversed), reversed)
print(type(m) is map, type(m) == map, map is type(m), type(e) is enumerate, type(itertools.count()) is itertools.count)
import functools
print(functools.partial, isinstance(functools.partial(print), functools.partial), type(functools.partial(print)) is functools.partial)
