# What learners meet when things go wrong: CPython's messages for a bad __bool__ or __len__, a
# with on an object lacking __exit__, int(3.5, 10); an error caught inside an except block
# shows the one being handled as its context; exception groups drawn as CPython draws them
# (at most 15 sub-exceptions, 10 levels deep); tasks freed by list.clear, last first.
import asyncio
class E:
    def __enter__(self): return 1
class F:
    def __exit__(self, *a): pass
class B:
    def __bool__(self): return 1
class L:
    def __len__(self): return -1
for c in (E, F):
    try:
        with c(): pass
    except TypeError as e: print(e)
for c in (B, L):
    try: bool(c())
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
try: int(3.5, 10)
except TypeError as e: print(e)
print((7).bit_count(), (-255).bit_count(), (0).bit_count())
class A: pass
class C(A): pass
print(C.mro(), A.mro())
def sayac(n):
    yield from range(n)
g = sayac(3)
print(g.__name__, g.__qualname__)
async def work(i):
    raise ValueError(i)
async def main():
    tasks = [asyncio.create_task(work(i)) for i in range(3)]
    await asyncio.sleep(0.05)
    tasks.clear()
    print("temizlendi")
asyncio.run(main())
import traceback
try:
    raise ValueError("v")
except ValueError:
    try:
        {}["k"]
    except KeyError as e:
        print(repr(e.__context__))
        traceback.print_exc()
def f():
    return None.foo
try:
    1 / 0
except ZeroDivisionError:
    try:
        f()
    except AttributeError as e:
        print(repr(e.__context__))
e1 = KeyError("x")
try:
    raise TypeError("t")
except TypeError:
    try:
        raise e1
    except KeyError as e:
        print(repr(e.__context__))
try:
    raise ExceptionGroup("g", [ValueError(i) for i in range(16)])
except ExceptionGroup as eg:
    traceback.print_exc()
    print(traceback.format_exception_only(eg))
e = ValueError("dip")
for i in range(6):
    e = ExceptionGroup(f"g{i}", [e])
traceback.print_exception(e)
e = ValueError("dip")
for i in range(12):
    e = ExceptionGroup(f"g{i}", [e, KeyError(i)] if i % 2 else [e])
traceback.print_exception(e)
raise ExceptionGroup("h", [ValueError(i) for i in range(17)])
