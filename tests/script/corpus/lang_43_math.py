# math: its functions and constants, and CPython's errors for each (domain, range, types).
import math

try:
    print('math.log(8, 2)', "->", repr(math.log(8, 2)))
except Exception as x:
    print('math.log(8, 2)', "!!", type(x).__name__, x)
try:
    print('math.log2(8)', "->", repr(math.log2(8)))
except Exception as x:
    print('math.log2(8)', "!!", type(x).__name__, x)
try:
    print('math.log10(1000)', "->", repr(math.log10(1000)))
except Exception as x:
    print('math.log10(1000)', "!!", type(x).__name__, x)
try:
    print('math.log(math.e)', "->", repr(math.log(math.e)))
except Exception as x:
    print('math.log(math.e)', "!!", type(x).__name__, x)
try:
    print('math.exp(2)', "->", repr(math.exp(2)))
except Exception as x:
    print('math.exp(2)', "!!", type(x).__name__, x)
try:
    print('math.sin(1e22)', "->", repr(math.sin(1e22)))
except Exception as x:
    print('math.sin(1e22)', "!!", type(x).__name__, x)
try:
    print('math.cos(0.5)', "->", repr(math.cos(0.5)))
except Exception as x:
    print('math.cos(0.5)', "!!", type(x).__name__, x)
try:
    print('math.tan(1)', "->", repr(math.tan(1)))
except Exception as x:
    print('math.tan(1)', "!!", type(x).__name__, x)
try:
    print('math.atan(1)', "->", repr(math.atan(1)))
except Exception as x:
    print('math.atan(1)', "!!", type(x).__name__, x)
try:
    print('math.atan2(1, 1)', "->", repr(math.atan2(1, 1)))
except Exception as x:
    print('math.atan2(1, 1)', "!!", type(x).__name__, x)
try:
    print('math.hypot(3, 4)', "->", repr(math.hypot(3, 4)))
except Exception as x:
    print('math.hypot(3, 4)', "!!", type(x).__name__, x)
try:
    print('math.dist((0, 0), (3, 4))', "->", repr(math.dist((0, 0), (3, 4))))
except Exception as x:
    print('math.dist((0, 0), (3, 4))', "!!", type(x).__name__, x)
try:
    print('math.radians(180)', "->", repr(math.radians(180)))
except Exception as x:
    print('math.radians(180)', "!!", type(x).__name__, x)
try:
    print('math.degrees(math.pi)', "->", repr(math.degrees(math.pi)))
except Exception as x:
    print('math.degrees(math.pi)', "!!", type(x).__name__, x)
try:
    print('math.pow(2, 10)', "->", repr(math.pow(2, 10)))
except Exception as x:
    print('math.pow(2, 10)', "!!", type(x).__name__, x)
try:
    print('math.copysign(1, -0.0)', "->", repr(math.copysign(1, -0.0)))
except Exception as x:
    print('math.copysign(1, -0.0)', "!!", type(x).__name__, x)
try:
    print('math.fmod(7, 3)', "->", repr(math.fmod(7, 3)))
except Exception as x:
    print('math.fmod(7, 3)', "!!", type(x).__name__, x)
try:
    print('math.fmod(-7, 3)', "->", repr(math.fmod(-7, 3)))
except Exception as x:
    print('math.fmod(-7, 3)', "!!", type(x).__name__, x)
try:
    print('math.modf(3.5)', "->", repr(math.modf(3.5)))
except Exception as x:
    print('math.modf(3.5)', "!!", type(x).__name__, x)
try:
    print('math.modf(-2.25)', "->", repr(math.modf(-2.25)))
except Exception as x:
    print('math.modf(-2.25)', "!!", type(x).__name__, x)
try:
    print('math.trunc(-3.7)', "->", repr(math.trunc(-3.7)))
except Exception as x:
    print('math.trunc(-3.7)', "!!", type(x).__name__, x)
try:
    print('math.floor(2.5)', "->", repr(math.floor(2.5)))
except Exception as x:
    print('math.floor(2.5)', "!!", type(x).__name__, x)
try:
    print('math.ceil(-2.5)', "->", repr(math.ceil(-2.5)))
except Exception as x:
    print('math.ceil(-2.5)', "!!", type(x).__name__, x)
try:
    print('math.isnan(math.nan)', "->", repr(math.isnan(math.nan)))
except Exception as x:
    print('math.isnan(math.nan)', "!!", type(x).__name__, x)
try:
    print('math.isinf(math.inf)', "->", repr(math.isinf(math.inf)))
except Exception as x:
    print('math.isinf(math.inf)', "!!", type(x).__name__, x)
try:
    print('math.isfinite(1.0)', "->", repr(math.isfinite(1.0)))
except Exception as x:
    print('math.isfinite(1.0)', "!!", type(x).__name__, x)
try:
    print('math.gcd(12, 18)', "->", repr(math.gcd(12, 18)))
except Exception as x:
    print('math.gcd(12, 18)', "!!", type(x).__name__, x)
try:
    print('math.gcd(12, 18, 8)', "->", repr(math.gcd(12, 18, 8)))
except Exception as x:
    print('math.gcd(12, 18, 8)', "!!", type(x).__name__, x)
try:
    print('math.gcd()', "->", repr(math.gcd()))
except Exception as x:
    print('math.gcd()', "!!", type(x).__name__, x)
try:
    print('math.lcm(4, 6)', "->", repr(math.lcm(4, 6)))
except Exception as x:
    print('math.lcm(4, 6)', "!!", type(x).__name__, x)
try:
    print('math.factorial(10)', "->", repr(math.factorial(10)))
except Exception as x:
    print('math.factorial(10)', "!!", type(x).__name__, x)
try:
    print('math.factorial(20)', "->", repr(math.factorial(20)))
except Exception as x:
    print('math.factorial(20)', "!!", type(x).__name__, x)
try:
    print('math.isqrt(17)', "->", repr(math.isqrt(17)))
except Exception as x:
    print('math.isqrt(17)', "!!", type(x).__name__, x)
try:
    print('math.isqrt(10**18)', "->", repr(math.isqrt(10**18)))
except Exception as x:
    print('math.isqrt(10**18)', "!!", type(x).__name__, x)
try:
    print('math.comb(5, 2)', "->", repr(math.comb(5, 2)))
except Exception as x:
    print('math.comb(5, 2)', "!!", type(x).__name__, x)
try:
    print('math.comb(60, 30)', "->", repr(math.comb(60, 30)))
except Exception as x:
    print('math.comb(60, 30)', "!!", type(x).__name__, x)
try:
    print('math.perm(5)', "->", repr(math.perm(5)))
except Exception as x:
    print('math.perm(5)', "!!", type(x).__name__, x)
try:
    print('math.perm(5, 2)', "->", repr(math.perm(5, 2)))
except Exception as x:
    print('math.perm(5, 2)', "!!", type(x).__name__, x)
try:
    print('math.prod([1, 2, 3, 4])', "->", repr(math.prod([1, 2, 3, 4])))
except Exception as x:
    print('math.prod([1, 2, 3, 4])', "!!", type(x).__name__, x)
try:
    print('math.prod([])', "->", repr(math.prod([])))
except Exception as x:
    print('math.prod([])', "!!", type(x).__name__, x)
try:
    print('math.prod([0.5, 4])', "->", repr(math.prod([0.5, 4])))
except Exception as x:
    print('math.prod([0.5, 4])', "!!", type(x).__name__, x)
try:
    print('math.fsum([0.1] * 10)', "->", repr(math.fsum([0.1] * 10)))
except Exception as x:
    print('math.fsum([0.1] * 10)', "!!", type(x).__name__, x)
try:
    print('sum([0.1] * 10)', "->", repr(sum([0.1] * 10)))
except Exception as x:
    print('sum([0.1] * 10)', "!!", type(x).__name__, x)
try:
    print('math.fsum([1e100, 1.0, -1e100, 1e-100])', "->", repr(math.fsum([1e100, 1.0, -1e100, 1e-100])))
except Exception as x:
    print('math.fsum([1e100, 1.0, -1e100, 1e-100])', "!!", type(x).__name__, x)
try:
    print('math.tau', "->", repr(math.tau))
except Exception as x:
    print('math.tau', "!!", type(x).__name__, x)
try:
    print('math.isclose(1.0, 1.0 + 1e-10)', "->", repr(math.isclose(1.0, 1.0 + 1e-10)))
except Exception as x:
    print('math.isclose(1.0, 1.0 + 1e-10)', "!!", type(x).__name__, x)
try:
    print('math.isclose(1.0, 1.1, rel_tol=0.2)', "->", repr(math.isclose(1.0, 1.1, rel_tol=0.2)))
except Exception as x:
    print('math.isclose(1.0, 1.1, rel_tol=0.2)', "!!", type(x).__name__, x)
try:
    print('math.sqrt(2)', "->", repr(math.sqrt(2)))
except Exception as x:
    print('math.sqrt(2)', "!!", type(x).__name__, x)
try:
    print('math.log(0)', "->", repr(math.log(0)))
except Exception as x:
    print('math.log(0)', "!!", type(x).__name__, x)
try:
    print('math.log(-1)', "->", repr(math.log(-1)))
except Exception as x:
    print('math.log(-1)', "!!", type(x).__name__, x)
try:
    print('math.exp(1000)', "->", repr(math.exp(1000)))
except Exception as x:
    print('math.exp(1000)', "!!", type(x).__name__, x)
try:
    print('math.factorial(-1)', "->", repr(math.factorial(-1)))
except Exception as x:
    print('math.factorial(-1)', "!!", type(x).__name__, x)
try:
    print('math.factorial(2.5)', "->", repr(math.factorial(2.5)))
except Exception as x:
    print('math.factorial(2.5)', "!!", type(x).__name__, x)
try:
    print('math.isqrt(-1)', "->", repr(math.isqrt(-1)))
except Exception as x:
    print('math.isqrt(-1)', "!!", type(x).__name__, x)
try:
    print('math.sqrt(-1)', "->", repr(math.sqrt(-1)))
except Exception as x:
    print('math.sqrt(-1)', "!!", type(x).__name__, x)
try:
    print('math.pow(0, -1)', "->", repr(math.pow(0, -1)))
except Exception as x:
    print('math.pow(0, -1)', "!!", type(x).__name__, x)
try:
    print('math.comb(-1, 2)', "->", repr(math.comb(-1, 2)))
except Exception as x:
    print('math.comb(-1, 2)', "!!", type(x).__name__, x)
try:
    print('math.gcd(2.5)', "->", repr(math.gcd(2.5)))
except Exception as x:
    print('math.gcd(2.5)', "!!", type(x).__name__, x)
try:
    print('math.log(1, 1)', "->", repr(math.log(1, 1)))
except Exception as x:
    print('math.log(1, 1)', "!!", type(x).__name__, x)
try:
except Exception as x:
try:
    print('math.fmod(1, 0)', "->", repr(math.fmod(1, 0)))
except Exception as x:
    print('math.fmod(1, 0)', "!!", type(x).__name__, x)
try:
    print('math.gcd(-2**63, -1)', "->", repr(math.gcd(-2**63, -1)))
except Exception as x:
    print('math.gcd(-2**63, -1)', "!!", type(x).__name__, x)
try:
    print('math.lcm(-2**62, 1)', "->", repr(math.lcm(-2**62, 1)))
except Exception as x:
    print('math.lcm(-2**62, 1)', "!!", type(x).__name__, x)
try:
    print('math.fsum([1e308, 1e308])', "->", repr(math.fsum([1e308, 1e308])))
except Exception as x:
    print('math.fsum([1e308, 1e308])', "!!", type(x).__name__, x)
try:
    print('math.fsum([float("inf"), 1.0])', "->", repr(math.fsum([float("inf"), 1.0])))
except Exception as x:
    print('math.fsum([float("inf"), 1.0])', "!!", type(x).__name__, x)
try:
    print('math.fsum([float("inf"), float("-inf")])', "->", repr(math.fsum([float("inf"), float("-inf")])))
except Exception as x:
    print('math.fsum([float("inf"), float("-inf")])', "!!", type(x).__name__, x)
try:
    print('math.fsum([-0.0])', "->", repr(math.fsum([-0.0])))
except Exception as x:
    print('math.fsum([-0.0])', "!!", type(x).__name__, x)
try:
    print('math.pow(1e308, 1e308)', "->", repr(math.pow(1e308, 1e308)))
except Exception as x:
    print('math.pow(1e308, 1e308)', "!!", type(x).__name__, x)
try:
    print('math.pow(0.0, float("-inf"))', "->", repr(math.pow(0.0, float("-inf"))))
except Exception as x:
    print('math.pow(0.0, float("-inf"))', "!!", type(x).__name__, x)
try:
    print('math.isclose(float("inf"), 1e308)', "->", repr(math.isclose(float("inf"), 1e308)))
except Exception as x:
    print('math.isclose(float("inf"), 1e308)', "!!", type(x).__name__, x)
try:
    print('math.isclose(1.0, 1.0, rel_tol=-1)', "->", repr(math.isclose(1.0, 1.0, rel_tol=-1)))
except Exception as x:
    print('math.isclose(1.0, 1.0, rel_tol=-1)', "!!", type(x).__name__, x)
try:
    print('math.modf(float("inf"))', "->", repr(math.modf(float("inf"))))
except Exception as x:
    print('math.modf(float("inf"))', "!!", type(x).__name__, x)
try:
    print('math.floor(-2.0**63)', "->", repr(math.floor(-2.0**63)))
except Exception as x:
    print('math.floor(-2.0**63)', "!!", type(x).__name__, x)
try:
    print('math.floor(2.0**63)', "->", repr(math.floor(2.0**63)))
except Exception as x:
    print('math.floor(2.0**63)', "!!", type(x).__name__, x)
try:
    print('math.degrees(1e308)', "->", repr(math.degrees(1e308)))
except Exception as x:
    print('math.degrees(1e308)', "!!", type(x).__name__, x)
