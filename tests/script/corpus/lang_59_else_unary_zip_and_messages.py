# A try's else runs only when its body ran to the end (not after return, break or continue);
# unary +, - and ~ ask a class's __pos__, __neg__ and __invert__; join, extend and update take a
# class's own iterable; !a and %a escape what is not ASCII; zip reads iterators in turns
# (zip(it, it) pairs items); ranges compare as sequences; and a few of CPython's messages.
def f():
    try:
        return 1
    except KeyError:
        pass
    else:
        print("else ran")
print(f())
for i in range(3):
    try:
        if i == 1:
            break
        if i == 0:
            continue
    except KeyError:
        pass
    else:
        print("else", i)
print("i", i)
def g():
    try:
        yield 1
        return
    except KeyError:
        pass
    else:
        yield "else"
print(list(g()))
def h():
    try:
        pass
    except KeyError:
        pass
    else:
        return "else returns"
    finally:
        print("finally")
print(h())
class N:
    def __pos__(self): return "pos"
    def __invert__(self): return "inv"
    def __neg__(self): return "neg"
print(+N(), ~N(), -N())
class V: pass
for op in ("-", "+", "~"):
    try:
        eval_ = {"-": lambda v: -v, "+": lambda v: +v, "~": lambda v: ~v}[op]
        eval_(V())
    except TypeError as e:
        print(e)
class Bag:
    def __iter__(self): return iter(["a", "b"])
print("-".join(Bag()))
l = [1]; l.extend(Bag()); print(l)
s = {1}; s.update(Bag()); print(sorted(map(str, s)))
print(s.union(Bag()) == {1, "a", "b"})
print("%a" % "é", f"{'é'!a}", "{!a}".format("é"), ascii("é"))
try:
    (1, 2).index(5)
except ValueError as e:
    print(e)
try:
    [1, 2].index(5)
except ValueError as e:
    print(e)
print(range(0) == range(5, 2), 3.0 in range(5), 3.5 in range(5), range(0, 3) == range(0, 3, 1), range(1, 2, 5) == range(1, 3, 7))
try:
    "abc".partition("")
except ValueError as e:
    print(e)
it = iter([1, 2, 3, 4]); print(list(zip(it, it)))
it = iter([1, 2, 3, 4]); print(list(zip(it, [10])), list(it))
it = iter(range(7)); print(list(zip(*[it] * 3)))
it = iter("abcdef"); print(list(zip(it, it, [1, 2])), list(it))
print(list(zip([1, 2], "ab")), list(zip()))
d = {"a": 1, "b": 2}; it = iter(d.items()); print(list(zip(it, it)))
e = enumerate("xyz"); print(list(zip(e, e)))
print(type(x for x in []))
print(str(x for x in [])[:21])
print(list(x*2 for x in [1,2]), tuple(x for x in "ab"), set(x for x in [1]), sorted(x for x in [2,1]))
g = (x for x in [1, 2])
print(type(g).__name__, next(g))
for f in ['{', 'a{}{', '{:', '}', 'a}b', '{0!x}', '{!}', '{0:{1}', '{0', '{abc', '{0!', '{0!r', '{0:>', 'x{0:{', '{{0', '{0[1']:
    try:
        print(repr(f), repr(f.format(1, 2)))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
for f in ['{0!rr}', '{0!x:>3}', '{0!}', '{0!r:>3}', '{0!\xe9}', '{!r}', '{0!a}']:
    try:
        print(repr(f), repr(f.format('é')))
    except Exception as e:
        print(repr(f), type(e).__name__, e)
