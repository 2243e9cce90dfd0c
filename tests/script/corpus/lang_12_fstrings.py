pi = 3.14159265
n = 42
name = "Ada"
print(f"{pi:.2f} {pi:.0f} {pi:8.3f}| {pi:e}")
print(f"[{name:>8}] [{name:<5}] [{name:^7}] [{name:*^9}]")
print(f"[{n:05d}] [{n:>6}] [{n:<6}] [{n:+d}] [{-n:05d}]")
print(f"{1234567:,} {1234567.891:,.2f} {1234567:_}")
print(f"{name!r} {name!s} {'x'!r}")
print(f"{n=} {pi=:.1f} {name = }")
w = 10
p = 3
print(f"[{pi:{w}.{p}f}] [{name:>{w}}]")
print(f"{0.25:%} {0.25:.0%} {255:x} {255:X} {255:#x} {5:b} {8:o}")
print(f"{'nested ' + name.upper()} {n * 2} {[1, 2][1]} {len(name)}")
print(f"{{literal braces}} {n}")
d = {"k": "v"}
print(f"{d['k']} {d}")
print(f"{3.0} {1e20} {1/3} {True} {None}")
print(f"{n:d} {n:8.2f} {pi:g} {1e-5:g} {123456789.0:g}")
