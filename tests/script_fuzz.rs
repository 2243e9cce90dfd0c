//! No input panics the evaluator: thousands of mutants of the corpus's and the lessons'
//! programs, and random bytes, are parsed and every one that parses is run (in virtual time,
//! a sample in real time too), many at once; a run still going after a short real-time budget
//! is cancelled (endless loops are legal Python). A panic or a trap inside a poll surfaces as an
//! uncaught error of the page, which the test watches (a panic hook names the program); the
//! page's turns are timed too (a long one is a hang). After the fuzz nothing may be left
//! running, and corpus programs must still print exactly what CPython printed.
//!
//! Minimised repros of what the fuzz found (panics, a browser stack overflow, pages held for
//! seconds) are in [`KNOWN_REPROS`], kept as regression cases and run by `fuzz_repros`.
#![cfg(all(target_arch = "wasm32", feature = "script"))]

mod common;
mod rng;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};

use common::*;
use loopscope::lessons::LESSONS;
use loopscope::runtime::{self, Lang, Mode};
use rng::Rng;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!("script/corpus_index.rs");

/// Mutants of the corpus's and the lessons' programs (`FUZZ_MUTANTS=n` at build time for more,
/// `FUZZ_SEED=n` for others: both for a longer hunt by hand).
const MUTANTS: usize = parse_usize(option_env!("FUZZ_MUTANTS"), 6000);
const SEED: usize = parse_usize(option_env!("FUZZ_SEED"), 0x5EED_F022);

const fn parse_usize(text: Option<&str>, default: usize) -> usize {
    let Some(text) = text else { return default };
    let (bytes, mut i, mut n) = (text.as_bytes(), 0, 0);
    while i < bytes.len() {
        n = n * 10 + (bytes[i] - b'0') as usize;
        i += 1;
    }
    n
}

/// Programs of random bytes, and of random Python tokens.
const RANDOM_BYTES: usize = 300;
const TOKEN_SOUPS: usize = 300;
/// One parsed mutant in this many also runs in real time.
const REAL_TIME_EVERY: usize = 8;
/// Runs going at once.
const AT_ONCE: usize = 16;
/// Real time a run may take before it is cancelled, in ms.
const VIRTUAL_BUDGET_MS: f64 = 100.0;
const REAL_BUDGET_MS: f64 = 250.0;
/// Speed of the real-time runs (a 1 s sleep waits 100 ms).
const REAL_SPEED: f64 = 10.0;
/// Longest the page may go without a turn for the test, in ms: longer is a hang.
const MAX_BLOCK_MS: f64 = 5_000.0;

// ---- the generator ----

/// Values a number is replaced with: the edges of 64-bit ints and of floats.
const EDGES: &[&str] = &[
    "0",
    "-1",
    "1",
    "2**63-1",
    "9223372036854775807",
    "-9223372036854775808",
    "(-2**63)",
    "(-9223372036854775807 - 1)",
    "-9223372036854775807",
    "4294967295",
    "4294967296",
    "2**64",
    "10**18",
    "99999999999999999999",
    "1e308",
    "-1e308",
    "1e-320",
    "float('nan')",
    "float('inf')",
    "-float('inf')",
    "-0.0",
    "0.05",
    "True",
    "None",
    "''",
];

/// Operators an operator is replaced with.
const OPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "~", "@", "==", "!=", "<", ">", "<=", ">=", "=",
    "+=", "-=", "*=", "//=", "%=", "**=", ":=", "->", " and ", " or ", " not ", " in ", " not in ", " is ", " is not ",
    " if ", " else ",
];

/// Tokens inserted inside a line.
const INLINE: &[&str] = &[
    "await ",
    "return ",
    "raise ",
    "break ",
    "continue ",
    "del ",
    "yield ",
    "yield from ",
    "async ",
    "not ",
    "lambda: ",
    "*",
    "**",
    "-",
    "~",
    "global ",
    "nonlocal ",
    "import ",
    "from ",
    "with ",
    "for x in ",
    "if ",
    "else ",
    "in ",
    "is ",
    "assert ",
    "pass ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ".",
    "'",
    "f'{",
    "\\",
    ";",
    "#",
];

/// Statements inserted as lines of their own (`{w}`: a name of the program, `{e}`: an edge).
const STATEMENTS: &[&str] = &[
    "return",
    "return {w}",
    "break",
    "continue",
    "raise",
    "raise ValueError('fuzz')",
    "raise asyncio.CancelledError()",
    "raise {w}",
    "del {w}",
    "del {w}[{e}]",
    "yield",
    "yield {w}",
    "await {w}",
    "await asyncio.sleep(0)",
    "await asyncio.sleep({e})",
    "global {w}",
    "nonlocal {w}",
    "pass",
    "{w} = await {w}",
    "assert {w}",
    "{w} = None",
    "{w} = {e}",
    "{w}()",
    "{w}({w})",
    "{w}.cancel()",
    "asyncio.current_task().cancel()",
    "while True: pass",
    "while True: await asyncio.sleep(0)",
    "for _ in range({e}): pass",
    "print({w})",
    "print({w}, {e})",
    "async with {w}: pass",
    "with {w}: pass",
    "asyncio.run({w}())",
    "{w} = asyncio.create_task({w}())",
    "await asyncio.gather({w}(), {w}())",
    "await asyncio.wait_for({w}(), {e})",
    "try:\n    {w}()\nexcept:\n    pass",
    "try:\n    pass\nfinally:\n    return",
    "class {w}({w}): pass",
    "def {w}(*a, **k): return {w}",
];

/// Lines spliced in besides the programs' own: they reach the evaluator's edges (ints at 64
/// bits, NaN and infinities, huge sizes, values that contain themselves, a script function
/// called by a built-in).
const HAZARDS: &[&str] = &[
    "a = []; a.append(a); print(a)",
    "d = {}; d['k'] = d; print(d)",
    "d = {}; d['k'] = d; print(repr(d), str(d))",
    "a = [1]; a.append((a,)); print(a)",
    "x = (-9223372036854775807 - 1); print(x // -1)",
    "x = (-9223372036854775807 - 1); print(x % -1)",
    "x = (-9223372036854775807 - 1); print(-x)",
    "x = (-9223372036854775807 - 1); print(abs(x))",
    "x = (-9223372036854775807 - 1); print(x * -1)",
    "x = (-9223372036854775807 - 1); print(x - 1)",
    "x = 9223372036854775807; x += 1",
    "print(divmod((-9223372036854775807 - 1), -1))",
    "print(divmod((-9223372036854775807 - 1), 1.0))",
    "print(1 << 64)",
    "print(1 << 63)",
    "print(-1 >> 64)",
    "print(1 << -1)",
    "print(9223372036854775807 << 1)",
    "print(round(9223372036854775807, -1))",
    "print(round((-9223372036854775807 - 1), -18))",
    "print(round(1e308, -400))",
    "print(round(0.5, 9223372036854775807))",
    "print(round(1.5, (-9223372036854775807 - 1)))",
    "print(round(9223372036854775807, (-9223372036854775807 - 1)))",
    "print(int(float('nan')))",
    "print(int(1e308))",
    "print(f'{1e308:.10000f}')",
    "print('%.*f' % (10, 1.0))",
    "print('x' * (2**62))",
    "print('x' * (2**32 + 1))",
    "print([0] * (2**62))",
    "print([0] * (2**32))",
    "print(list(range(2**62)))",
    "print(len(range((-9223372036854775807 - 1), 9223372036854775807)))",
    "print(range((-9223372036854775807 - 1), 9223372036854775807)[-1])",
    "print(range(0, 10, (-9223372036854775807 - 1))[::-1])",
    "print(range(10)[::(-9223372036854775807 - 1)])",
    "print(range((-9223372036854775807 - 1), 9223372036854775807, 2**62)[1:])",
    "print(list(range((-9223372036854775807 - 1), 9223372036854775807, 2**62)))",
    "print(reversed(range((-9223372036854775807 - 1), (-9223372036854775807 - 1) + 3)))",
    "print(list(reversed(range(9223372036854775804, 9223372036854775807))))",
    "print((9223372036854775807) in range((-9223372036854775807 - 1), 9223372036854775807))",
    "print(range(9223372036854775807).index(9223372036854775806))",
    "print(range((-9223372036854775807 - 1), 0, 2**62).count(0))",
    "print('abc'[9223372036854775807:])",
    "print('abc'[(-9223372036854775807 - 1):])",
    "print([1, 2, 3][::(-9223372036854775807 - 1)])",
    "print('abc'[::(-9223372036854775807 - 1)])",
    "print([1, 2, 3][9223372036854775807::-1])",
    "print((1, 2, 3)[(-9223372036854775807 - 1)::9223372036854775807])",
    "x = [1, 2, 3]; print(x[(-9223372036854775807 - 1)])",
    "x = [1, 2, 3]; x.insert(9223372036854775807, 0); print(x)",
    "x = [1, 2, 3]; x.insert((-9223372036854775807 - 1), 0); print(x)",
    "x = [1, 2, 3]; print(x.pop((-9223372036854775807 - 1)))",
    "x = [1, 2, 3]; x[9223372036854775807:] = [1]; print(x)",
    "x = [1, 2, 3]; del x[(-9223372036854775807 - 1):]; print(x)",
    "x = [1, 2, 3]; x[::(-9223372036854775807 - 1)] = [9]; print(x)",
    "x = [1, 2, 3]; del x[::9223372036854775807]; print(x)",
    "x = [1, 2, 3]; print(x.index(2, (-9223372036854775807 - 1), 9223372036854775807))",
    "x = [1, 2, 3]; x[(-9223372036854775807 - 1):9223372036854775807] = []; print(x)",
    "print('abc'.find('b', (-9223372036854775807 - 1), 9223372036854775807))",
    "print('abc'.count('', (-9223372036854775807 - 1), 9223372036854775807))",
    "print('abc'.index('c', 9223372036854775807))",
    "print('abc'.startswith('a', (-9223372036854775807 - 1)))",
    "print('a'.ljust(-1))",
    "print('a'.center(9223372036854775807))",
    "print('a'.zfill((-9223372036854775807 - 1)))",
    "print('a'.rjust(2**32 + 1))",
    "print('a b c'.split(' ', 9223372036854775807))",
    "print('a b c'.rsplit(' ', (-9223372036854775807 - 1)))",
    "print('a b c'.split(None, 9223372036854775807))",
    "print('aaa'.replace('a', 'b', 9223372036854775807))",
    "print('aaa'.replace('a', 'b', (-9223372036854775807 - 1)))",
    "print('a\\tb'.expandtabs(9223372036854775807))",
    "for i, v in enumerate([1, 2], 9223372036854775807): print(i)",
    "for i, v in enumerate([1, 2], (-9223372036854775807 - 1)): print(i)",
    "print(sum([9223372036854775807, 1]))",
    "print(sum([], 9223372036854775807) + 1)",
    "print(sum([0.5], (-9223372036854775807 - 1)))",
    "print(sum([(-9223372036854775807 - 1), -1]))",
    "print(pow(2, -1, 7))",
    "print(pow(0, -1))",
    "print(pow(2, 9223372036854775807, 9223372036854775807))",
    "print(pow((-9223372036854775807 - 1), 3))",
    "print(pow(2, 10, 0))",
    "print(pow((-9223372036854775807 - 1), 1, -1))",
    "print(10 ** 400)",
    "print(2 ** -1)",
    "print((-8) ** 0.5)",
    "print(0 ** -1)",
    "print((-2) ** 63)",
    "print(2 ** 64)",
    "print(float('1e400'))",
    "print(int('9' * 30))",
    "print(int('-9223372036854775808'))",
    "print(int('-9223372036854775809'))",
    "print(int('1' * 5000))",
    "print(int('z', 36), int('10', 9223372036854775807))",
    "print(float('nan') == float('nan'), float('nan') < 1)",
    "print(hash(float('nan')))",
    "print(hash(-1), hash(9223372036854775807), hash((-9223372036854775807 - 1)))",
    "print(hash(float('inf')))",
    "print(chr(0x110000))",
    "print(chr(-1))",
    "print(ord(''))",
    "print(chr(9223372036854775807))",
    "print('{:{}}'.format(1, 10**9))",
    "print('{:.{}f}'.format(1, 9223372036854775807))",
    "print('{:{}}'.format(1, (-9223372036854775807 - 1)))",
    "print('{0[2147483648]}'.format([1]))",
    "print('{:,}'.format((-9223372036854775807 - 1)))",
    "print('%c' % 2**63)",
    "print('%c' % (-9223372036854775807 - 1))",
    "print('%d' % float('nan'))",
    "print('%d' % float('inf'))",
    "print('%x' % (-9223372036854775807 - 1))",
    "print('%*d' % (9223372036854775807, 1))",
    "print('%.*f' % ((-9223372036854775807 - 1), 1.0))",
    "print('%e' % 1e308, '%g' % 5e-324, '%f' % float('inf'))",
    "print(f'{float(\"nan\"):d}')",
    "print(f'{(-9223372036854775807 - 1):x}')",
    "print(f'{9223372036854775807:,}')",
    "print(f'{(-9223372036854775807 - 1):_b}')",
    "print(f'{(-9223372036854775807 - 1):c}')",
    "print(f'{1e308:e}')",
    "print(f'{5e-324:.400g}')",
    "print(f'{-0.0:+.0f}')",
    "print(f'{1:{9223372036854775807}}')",
    "print(f'{1:.{9223372036854775807}}')",
    "print(bin((-9223372036854775807 - 1)))",
    "print(hex((-9223372036854775807 - 1)))",
    "print(oct((-9223372036854775807 - 1)))",
    "print(str((-9223372036854775807 - 1)))",
    "print(repr(5e-324), repr(1.7976931348623157e308), repr(-0.0))",
    "print(max([]))",
    "print(min(()))",
    "print(max(1, float('nan')), min(float('nan'), 1))",
    "print(1 % 0.0)",
    "print(1 // 0.0)",
    "print(divmod(1.0, 0.0))",
    "print(float('inf') % 1, float('inf') // 1)",
    "print((-9223372036854775807 - 1) // 1)",
    "print((-9223372036854775807 - 1) // -1)",
    "print((-9223372036854775807 - 1) % -1)",
    "print((-9223372036854775807 - 1) * -1)",
    "print(-9223372036854775807)",
    "print(range(0, 10, 0))",
    "print(abs((-9223372036854775807 - 1)))",
    "print(-((-9223372036854775807 - 1)))",
    "print(~((-9223372036854775807 - 1)), ~(9223372036854775807))",
    "x = (-9223372036854775807 - 1); x //= -1",
    "x = (-9223372036854775807 - 1); x *= -1",
    "x = 9223372036854775807; x <<= 1",
    "print(round(float('nan')))",
    "print(round(float('inf')))",
    "print(round(1e308, 9223372036854775807))",
    "print(int(-0.0), int(-1e-320))",
    "print(float(9223372036854775807), float((-9223372036854775807 - 1)))",
    "print(int(9.223372036854776e18))",
    "print(int(-9.223372036854776e18))",
    "print(bool(float('nan')), 9223372036854775807 == 9.223372036854776e18)",
    "print((9223372036854775807) == float(9223372036854775807), (9223372036854775807) < float(2**63))",
    "print(sorted([float('nan'), 1, float('nan'), 0]))",
    "print(sorted([1, 'a']))",
    "print(sorted([3, 1, 2], key=lambda v: -v))",
    "print(sorted([1, 2], key=print))",
    "print(sorted([1, 2], key=lambda v: 1 / 0))",
    "print(list(map(lambda v: v, range(3))), list(filter(None, [0, 1])))",
    "random.seed(9223372036854775807); print(random.random())",
    "random.seed((-9223372036854775807 - 1)); print(random.random())",
    "random.seed(float('nan')); print(random.random())",
    "random.seed(-1); print(random.random())",
    "print(random.randint(0, 9223372036854775807))",
    "print(random.randint((-9223372036854775807 - 1), 9223372036854775807))",
    "print(random.randrange((-9223372036854775807 - 1), 9223372036854775807))",
    "print(random.randrange(0, 9223372036854775807, 2**62))",
    "print(random.randrange(9223372036854775807, (-9223372036854775807 - 1), -1))",
    "print(random.randrange(0))",
    "print(random.randrange(10, 0))",
    "print(random.randint(1, 0))",
    "print(random.sample(range(10), 9223372036854775807))",
    "print(random.sample(range(10), 2**32))",
    "print(random.sample(range(10), -1))",
    "print(random.choice([]))",
    "print(random.uniform(float('nan'), 1))",
    "print(random.uniform(-1e308, 1e308))",
    "print(random.shuffle([]))",
    "print(random.choices([1], k=9223372036854775807))",
    "print(random.getrandbits(9223372036854775807))",
    "print(random.getrandbits(0), random.getrandbits(64), random.getrandbits(65))",
    "r = random.Random(9223372036854775807); print(r.random())",
    "r = random.Random((-9223372036854775807 - 1)); print(r.randint((-9223372036854775807 - 1), 9223372036854775807))",
    "r = random.Random(float('inf')); print(r.random())",
    "await asyncio.sleep(float('nan'))",
    "await asyncio.sleep(float('inf'))",
    "await asyncio.sleep(-1e308)",
    "await asyncio.sleep(1e308)",
    "await asyncio.sleep(9223372036854775807)",
    "await asyncio.sleep((-9223372036854775807 - 1))",
    "await asyncio.wait_for(asyncio.sleep(1), float('nan'))",
    "await asyncio.wait_for(asyncio.sleep(1), -1e308)",
    "await asyncio.wait_for(asyncio.sleep(1), float('inf'))",
    "await asyncio.wait([asyncio.create_task(asyncio.sleep(1))], timeout=float('nan'))",
    "await asyncio.wait([asyncio.create_task(asyncio.sleep(1))], timeout=(-9223372036854775807 - 1))",
    "print(await asyncio.gather())",
    "print(await asyncio.gather(*[asyncio.sleep(0) for _ in range(5000)]))",
    "asyncio.run(asyncio.sleep(float('nan')))",
    "print(asyncio.run(asyncio.sleep(0, 1)))",
    "t = asyncio.current_task(); t.cancel(); await asyncio.sleep(0)",
    "t = asyncio.current_task(); t.cancel(); t.cancel(); print(t.cancelled())",
    "t = asyncio.create_task(asyncio.sleep(1)); t.cancel(); print(await t)",
    "t = asyncio.create_task(asyncio.sleep(1)); await asyncio.sleep(0); t.cancel(); t.cancel(); print(t.cancelled())",
    "t = asyncio.create_task(asyncio.sleep(1)); print(t.result())",
    "t = asyncio.create_task(asyncio.sleep(1)); print(t.exception())",
    "t = asyncio.current_task(); print(await t)",
    "t = asyncio.current_task(); print(await asyncio.wait_for(t, 1))",
    "t = asyncio.current_task(); print(await asyncio.gather(t))",
    "t = asyncio.current_task(); print(await asyncio.wait([t], timeout=0.1))",
    "c = asyncio.sleep(0); await c; await c",
    "c = asyncio.sleep(0); t = asyncio.create_task(c); t2 = asyncio.create_task(c); await t; await t2",
    "q = asyncio.Queue(-1); q.put_nowait(1); print(q.get_nowait())",
    "q = asyncio.Queue(9223372036854775807); q.put_nowait(1); print(q.qsize())",
    "q = asyncio.Queue(); q.task_done()",
    "q = asyncio.Queue(); print(await asyncio.wait_for(q.get(), 0.1))",
    "q = asyncio.Queue(1); await q.put(1); print(await asyncio.wait_for(q.put(2), 0.1))",
    "q = asyncio.Queue(); await q.join()",
    "s = asyncio.Semaphore((-9223372036854775807 - 1)); s.release(); print(s.locked())",
    "s = asyncio.Semaphore(9223372036854775807); s.release(); print(s.locked())",
    "s = asyncio.Semaphore(0); print(await asyncio.wait_for(s.acquire(), 0.1))",
    "e = asyncio.Event(); e.set(); e.clear(); print(e.is_set())",
    "e = asyncio.Event(); print(await asyncio.wait_for(e.wait(), 0.1))",
    "l = asyncio.Lock(); l.release()",
    "l = asyncio.Lock(); await l.acquire(); print(await asyncio.wait_for(l.acquire(), 0.1))",
    "loop = asyncio.get_event_loop(); loop.run_until_complete(loop.create_task(asyncio.sleep(0))); loop.close()",
    "loop = asyncio.get_event_loop(); loop.close(); loop.run_until_complete(asyncio.sleep(0))",
    "loop = asyncio.new_event_loop(); print(loop.run_until_complete(asyncio.sleep(0, 1)))",
    "print(await asyncio.to_thread(print, 1))",
    "print(await asyncio.to_thread(lambda: 1 / 0))",
    "async def g():\n    yield 1\nprint([v async for v in g()])",
    "async def g():\n    yield 1\nasync for v in g(): print(v)",
    "def g():\n    yield 1\n    return 2\nx = g(); print(next(x), next(x, 'end'))",
    "def g():\n    yield from g()\nprint(list(g()))",
    "g = (i for i in range(3)); print(next(g), list(g), next(g, None))",
    "g = (i for i in range(3)); print(next(g)); print(g.send(5))",
    "class K:\n    def __lt__(self, o): return 1 / 0\nprint(sorted([K(), K()]))",
    "class B:\n    def __bool__(self): return 2\nprint(not B())",
    "class L:\n    def __len__(self): return -1\nprint(len(L()))",
    "class L:\n    def __len__(self): return -1\nprint(bool(L()))",
    "class L:\n    def __len__(self): return 9223372036854775807\nprint(len(L()))",
    "class L:\n    def __len__(self): return 2**32\nprint(len(L()), bool(L()))",
    "class E:\n    def __eq__(self, o): return 1 / 0\nprint(E() in [E()], [E()].count(1), [E()].index(E()))",
    "class H:\n    def __hash__(self): return 9223372036854775807\nprint({H(): 1})",
    "class H:\n    def __hash__(self): return 'x'\nprint({H(): 1})",
    "class I:\n    def __index__(self): return 9223372036854775807\nprint([1][I()])",
    "class A:\n    def __add__(self, o): return self + o\nprint(A() + 1)",
    "class A:\n    def __getattr__(self, n): return self.x\nprint(A().y)",
    "class A:\n    def __init__(self): self.a = self\nprint(A().a.a.a)",
    "class A:\n    def __repr__(self): return 1\nprint([A()])",
    "class A:\n    def __str__(self): return None\nprint(A())",
    "class A:\n    def __iter__(self): return self\n    def __next__(self): raise StopIteration\nprint(list(A()))",
    "class A:\n    def __await__(self): yield\nawait A()",
    "class A:\n    async def __aenter__(self): return self\n    async def __aexit__(self, *a): return 1 / 0\nasync with A(): pass",
    "class A(Exception):\n    def __str__(self): return 1 / 0\nraise A()",
    "class A(Exception):\n    pass\nraise A from A()",
    "class A(A): pass",
    "class M(type): pass",
    "e = ValueError(); e.__cause__ = e; raise e",
    "e = ValueError(); e.__context__ = e; raise e",
    "try:\n    raise ValueError()\nexcept ValueError as e:\n    e.__context__ = e\n    raise",
    "try:\n    1 / 0\nfinally:\n    raise",
    "try:\n    pass\nfinally:\n    del x",
    "x = {1: 2}; [x.pop(k) for k in x]",
    "x = [1, 2]; [x.append(v) for v in x if len(x) < 5]",
    "x = {1, 2}; [x.add(v + 10) for v in x]",
    "x = [3, 1, 2]; x.sort(key=lambda v: x.clear() or v); print(x)",
    "x = [1, 2]; x.extend(x); x += x; print(x)",
    "x = [1]; x *= (-9223372036854775807 - 1); print(x)",
    "x = 'a'; x *= 9223372036854775807",
    "d = dict.fromkeys(range(3)); print(d, dict(a=1, **{'b': 2}))",
    "print(dict([(1, 2, 3)]))",
    "print({**{1: 2}, **{1: 3}}, {*[1], *'ab'})",
    "print(*[1] * 3, sep=None, end=None)",
    "print('a', sep=1)",
    "print('a', end=2**63)",
    "print(1, file=None, flush=True)",
    "print(end='')",
    "import time; time.sleep(float('nan'))",
    "import time; time.sleep(-1)",
    "import time; time.sleep(9223372036854775807)",
    "import time; print(time.perf_counter_ns(), time.time_ns(), time.monotonic())",
    "x = 1; x.y = 2",
    "exec('1')",
    "print(type(type), type(1)(2), type('T', (), {}))",
    "print(isinstance(1, (int, (str, float))), issubclass(bool, (int,)))",
    "print(getattr(1, 'real'), hasattr(None, ''), setattr(1, 'x', 1))",
    "print(super())",
    "print(vars(), dir(), locals(), globals())",
    "print(int.__add__(1, 2), (1).__add__, [].__len__())",
    "print('%s %s' % (1,))",
    "print('%(a)s' % {'a': 1}, '%' % ())",
    "print('{0}{1}'.format(1))",
    "print('{}'.format())",
    "print('{!z}'.format(1), '{:zz}'.format(1))",
    "print(tuple(reversed(range((-9223372036854775807 - 1), (-9223372036854775807 - 1) + 3))), list(zip()), dict(zip('ab', 'cd')))",
    "print(iter([]).__next__())",
    "print(next(iter([])))",
    "print(list(zip(*[[1, 2]] * 3)))",
    "print(all([]), any([]), all(x for x in []))",
    "print(isinstance(asyncio.sleep(0), object))",
    "print(eval('1'))",
    "import os",
    "import sys; sys.exit(3)",
    "import websockets",
    "raise SystemExit(9223372036854775807)",
    "raise KeyboardInterrupt",
    "raise GeneratorExit",
    "raise StopIteration",
    "raise asyncio.CancelledError",
    "assert False, [1] * 10",
    "nonlocal_x = 1\ndef f():\n    global nonlocal_x\n    del nonlocal_x\nf(); f()",
    "def f(*, a): pass\nf(1)",
    "def f(a, /, b): pass\nf(b=1, a=2)",
    "def f(a=[]): a.append(a); return a\nprint(f(), f())",
    "def f(**k): return k\nprint(f(**{'a': 1}, a=2))",
    "def f(*a): return a\nprint(f(*range(100000))[-1])",
    "lambda: (yield)",
    "print((lambda: (yield 1))())",
    "x = [i for i in range(10**7)]",
    "x = {i: i for i in range(2**62)}",
    "x = ''.join(str(i) for i in range(10**6)); print(len(x))",
    "x = 'ab' * 10**8",
    "while True:\n    try:\n        break\n    finally:\n        continue",
    "for x in range(3):\n    try:\n        continue\n    finally:\n        break",
    "def f():\n    try:\n        return 1\n    finally:\n        return 2\nprint(f())",
];

/// Python tokens random programs are made of.
const SOUP: &[&str] = &[
    "async",
    "def",
    "await",
    "return",
    "yield",
    "class",
    "if",
    "elif",
    "else",
    "while",
    "for",
    "in",
    "try",
    "except",
    "finally",
    "raise",
    "with",
    "as",
    "lambda",
    "import",
    "asyncio",
    "print",
    "main",
    "x",
    "y",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "=",
    "+",
    "*",
    "**",
    "-",
    "1",
    "0",
    "1e308",
    "'s'",
    "f'{x}'",
    "None",
    "True",
    "\n",
    "\n    ",
    "\n        ",
    "pass",
    "break",
    "continue",
    "del",
    "global",
    "nonlocal",
    "not",
    "and",
    "or",
    "is",
    "asyncio.run",
    "asyncio.sleep",
    "asyncio.gather",
    "asyncio.create_task",
];

/// Byte ranges (start, end) in a line.
type Spans = Vec<(usize, usize)>;

/// Identifier-like words of `line` as (start, end) byte ranges; numbers; operator runs.
fn tokens(line: &str) -> (Spans, Spans, Spans) {
    let b = line.as_bytes();
    let (mut words, mut numbers, mut ops) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            words.push((start, i));
        } else if c.is_ascii_digit() {
            while i < b.len()
                && (b[i].is_ascii_alphanumeric()
                    || b[i] == b'_'
                    || b[i] == b'.'
                    || ((b[i] == b'-' || b[i] == b'+') && matches!(b[i - 1], b'e' | b'E')))
            {
                i += 1;
            }
            numbers.push((start, i));
        } else if b"+-*/%<>=!&|^~@".contains(&c) {
            while i < b.len() && b"+-*/%<>=!&|^~@".contains(&b[i]) {
                i += 1;
            }
            ops.push((start, i));
        } else {
            i += 1;
        }
    }
    (words, numbers, ops)
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Makes programs from the sources, deterministically.
struct Generator {
    rng: Rng,
    sources: Vec<&'static str>,
    /// Each source's words, sorted.
    words: Vec<Vec<String>>,
}

impl Generator {
    fn new(seed: u64, sources: Vec<&'static str>) -> Generator {
        let words = sources
            .iter()
            .map(|s| {
                let mut set = BTreeSet::new();
                for line in s.lines() {
                    for (a, b) in tokens(line).0 {
                        set.insert(line[a..b].to_string());
                    }
                }
                set.into_iter().collect()
            })
            .collect();
        Generator { rng: Rng(seed), sources, words }
    }

    fn word(&mut self, of: usize) -> String {
        let words = &self.words[of];
        if words.is_empty() {
            return "x".into();
        }
        words[self.rng.below(words.len())].clone()
    }

    fn fill(&mut self, template: &str, of: usize) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            if rest[at..].starts_with("{w}") {
                let w = self.word(of);
                out.push_str(&w);
                rest = &rest[at + 3..];
            } else if rest[at..].starts_with("{e}") {
                let e = *self.rng.pick(EDGES);
                out.push_str(e);
                rest = &rest[at + 3..];
            } else {
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
        out.push_str(rest);
        out
    }

    /// Inserts `text` (one or more lines) before line `at`, indented like that line (or, now
    /// and then, as it is).
    fn insert_lines(&mut self, lines: &mut Vec<String>, at: usize, text: &str) {
        let indent = if self.rng.one_in(4) {
            String::new()
        } else {
            lines.get(at).or(lines.last()).map_or("", |l| indent_of(l)).to_string()
        };
        let chunk: Vec<&str> = text.lines().collect();
        let least = chunk.iter().filter(|l| !l.trim().is_empty()).map(|l| indent_of(l).len()).min().unwrap_or(0);
        let at = at.min(lines.len());
        for (k, l) in chunk.iter().enumerate() {
            let body = l.get(least..).unwrap_or(l.trim_start());
            lines.insert(at + k, format!("{indent}{body}"));
        }
    }

    /// A mutant of source `of`.
    fn mutant(&mut self, of: usize) -> String {
        let mut lines: Vec<String> = self.sources[of].lines().map(String::from).collect();
        let rounds = 1 + self.rng.below(3) + if self.rng.one_in(4) { self.rng.below(6) } else { 0 };
        for _ in 0..rounds {
            if lines.is_empty() {
                lines.push("pass".into());
            }
            let n = lines.len();
            let i = self.rng.below(n);
            match self.rng.below(13) {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                2 => {
                    let j = if self.rng.one_in(3) { self.rng.below(n) } else { (i + 1 + self.rng.below(4)).min(n - 1) };
                    lines.swap(i, j);
                }
                3 => {
                    // A name of this line becomes a name of another program.
                    let words = tokens(&lines[i]).0;
                    if !words.is_empty() {
                        let (a, b) = *self.rng.pick(&words);
                        let other = self.rng.below(self.sources.len());
                        let w = self.word(other);
                        lines[i].replace_range(a..b, &w);
                    }
                }
                4 => {
                    // A number becomes an edge value (looked for in a few lines).
                    for _ in 0..8 {
                        let k = self.rng.below(n);
                        let numbers = tokens(&lines[k]).1;
                        if !numbers.is_empty() {
                            let (a, b) = *self.rng.pick(&numbers);
                            let e = *self.rng.pick(EDGES);
                            lines[k].replace_range(a..b, e);
                            break;
                        }
                    }
                }
                5 => {
                    for _ in 0..8 {
                        let k = self.rng.below(n);
                        let ops = tokens(&lines[k]).2;
                        if !ops.is_empty() {
                            let (a, b) = *self.rng.pick(&ops);
                            let op = *self.rng.pick(OPS);
                            lines[k].replace_range(a..b, op);
                            break;
                        }
                    }
                }
                6 => {
                    // A token inside the line, before one of its words or numbers.
                    let (words, numbers, _) = tokens(&lines[i]);
                    let starts: Vec<usize> = words.iter().chain(&numbers).map(|t| t.0).collect();
                    let at = if starts.is_empty() { lines[i].len() } else { *self.rng.pick(&starts) };
                    let t = *self.rng.pick(INLINE);
                    lines[i].insert_str(at, t);
                }
                7 => {
                    let t = *self.rng.pick(STATEMENTS);
                    let s = self.fill(t, of);
                    self.insert_lines(&mut lines, i, &s);
                }
                8 => {
                    let l = &mut lines[i];
                    match self.rng.below(5) {
                        0 => l.insert_str(0, "    "),
                        1 => {
                            let cut = indent_of(l).len().min(4);
                            l.replace_range(..cut, "");
                        }
                        2 => l.insert(0, ' '),
                        3 => {
                            let cut = indent_of(l).len();
                            l.replace_range(..cut, "\t");
                        }
                        _ => {
                            // A block of lines moves in or out.
                            let k = 1 + self.rng.below(6);
                            let out = self.rng.one_in(2);
                            for l in lines.iter_mut().skip(i).take(k) {
                                if out {
                                    let cut = indent_of(l).len().min(4);
                                    l.replace_range(..cut, "");
                                } else {
                                    l.insert_str(0, "    ");
                                }
                            }
                        }
                    }
                }
                9 | 10 => {
                    // Lines of another program.
                    let other = self.rng.below(self.sources.len());
                    let theirs: Vec<&str> = self.sources[other].lines().collect();
                    if !theirs.is_empty() {
                        let from = self.rng.below(theirs.len());
                        let k = 1 + self.rng.below(3);
                        let chunk = theirs[from..(from + k).min(theirs.len())].join("\n");
                        self.insert_lines(&mut lines, i, &chunk);
                    }
                }
                11 => {
                    let h = *self.rng.pick(HAZARDS);
                    self.insert_lines(&mut lines, i, h);
                }
                _ => {
                    // One name becomes another everywhere.
                    let (from, to) = (self.word(of), self.word(of));
                    for l in lines.iter_mut() {
                        let words = tokens(l).0;
                        for &(a, b) in words.iter().rev() {
                            if l[a..b] == from {
                                l.replace_range(a..b, &to);
                            }
                        }
                    }
                }
            }
        }
        let mut out = lines.join("\n");
        if !self.rng.one_in(10) {
            out.push('\n');
        }
        out
    }

    /// Random bytes, mostly of Python's alphabet.
    fn bytes(&mut self) -> String {
        let alphabet = b"abcxyz019_ .,:;()[]{}'\"\\#@=+-*/%<>!&|^~\n\t\r fFrRbB";
        let len = self.rng.below(200);
        let bytes: Vec<u8> = (0..len)
            .map(|_| if self.rng.one_in(4) { self.rng.next() as u8 } else { alphabet[self.rng.below(alphabet.len())] })
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Random Python tokens, with the sources' names.
    fn soup(&mut self) -> String {
        let len = 1 + self.rng.below(60);
        let mut out = String::new();
        for _ in 0..len {
            if self.rng.one_in(4) {
                let of = self.rng.below(self.sources.len());
                out.push_str(&self.word(of));
            } else {
                let t = *self.rng.pick(SOUP);
                out.push_str(t);
            }
            out.push(' ');
        }
        out
    }
}

/// Every program the fuzz feeds, with where it comes from.
fn programs() -> Vec<(String, String)> {
    let mut sources: Vec<&'static str> = CORPUS.iter().map(|(_, s, _)| *s).collect();
    let mut names: Vec<String> = CORPUS.iter().map(|(n, _, _)| n.to_string()).collect();
    for lesson in LESSONS {
        for v in lesson.variants {
            // The Turkish programs: the English ones share their code (only strings and comments differ).
            sources.push(common::sources::text(v.python_file.tr));
            names.push(format!("{}/{}", lesson.id, v.id));
        }
    }
    let mut g = Generator::new(SEED as u64, sources);
    let mut out = Vec::new();
    for k in 0..MUTANTS {
        let of = k % g.sources.len();
        out.push((format!("mutant {k} of {}", names[of]), g.mutant(of)));
    }
    // Each hazard alone, at module level and in a coroutine: spliced into a program, it may
    // never run (a function nobody calls, a line after an error).
    for (k, h) in HAZARDS.iter().enumerate() {
        out.push((format!("hazard {k}"), format!("import asyncio\nimport random\n{h}\n")));
        let body: String = h.lines().map(|l| format!("    {l}\n")).collect();
        out.push((
            format!("hazard {k} in a coroutine"),
            format!("import asyncio\nimport random\n\nasync def main():\n{body}\nasyncio.run(main())\n"),
        ));
    }
    for k in 0..RANDOM_BYTES {
        out.push((format!("random bytes {k}"), g.bytes()));
    }
    for k in 0..TOKEN_SOUPS {
        out.push((format!("token soup {k}"), g.soup()));
    }
    out
}

// ---- known repros ----

/// Minimised programs that the fuzz found failing: `fuzz_repros` runs each (in its mode) and
/// fails until they are fixed; then they stay as regression cases. Each ends in CPython.
const KNOWN_REPROS: &[(&str, Mode, &str)] = &[
    // A built-in that calls back into the script (here `sorted`'s key) recursing without end:
    // the browser's own stack overflows ("RangeError: Maximum call stack size exceeded")
    // before the interpreter raises RecursionError; the exception unwinds through the
    // runtime's poll and leaves it broken (no run makes progress any more; a later run panics
    // with "RefCell already borrowed" in ast::intern).
    ("recursion through sorted's key", Mode::Virtual, "def k(x):\n    return sorted([x + 1], key=k)\n\nk(1)\n"),
    // The same through a lazy `map` or `filter`, whose function a built-in's loop calls.
    ("recursion through map", Mode::Virtual, "def f(n):\n    return 1 + sum(map(f, [n - 1])) if n else 0\n\nprint(f(10000))\n"),
    ("recursion through filter", Mode::Virtual, "def f(n):\n    return list(filter(f, [n - 1])) if n else []\n\nprint(f(10000))\n"),
    // A task awaiting a gather of itself, cancelled: the cancel went from the task to the
    // gather, back to the task, and round again until the stack overflowed (CPython raises
    // RecursionError there); the ring now takes the cancel where the task stands.
    (
        "a task awaiting a gather of itself, cancelled",
        Mode::Virtual,
        "import asyncio\n\nasync def parent():\n    try:\n        await asyncio.gather(asyncio.current_task())\n    except asyncio.CancelledError:\n        print('cancelled')\n        raise\n\nasync def main():\n    p = asyncio.create_task(parent())\n    await asyncio.sleep(0.1)\n    p.cancel()\n    try:\n        await p\n    except asyncio.CancelledError:\n        print('parent cancelled:', p.cancelled())\n\nasyncio.run(main())\n",
    ),
    // The same through repr() of a list holding the object whose __repr__ is running.
    (
        "recursion through __repr__",
        Mode::Virtual,
        "class R:\n    def __repr__(self):\n        return repr([self])\n\nprint([R()])\n",
    ),
    // The same through str() of the object whose __str__ is running.
    (
        "recursion through __str__",
        Mode::Virtual,
        "class S:\n    def __str__(self):\n        return str(self)\n\nprint(S())\n",
    ),
    // A list that holds itself twice: Value::write_repr stops only at depth 50, so the repr
    // doubles at each level (2**50 copies) until the String's capacity overflows ("capacity
    // overflow" in alloc's raw_vec, after growing the page's memory past 1 GiB). CPython prints
    // [[...], [...]]: it writes `...` for a container already being written.
    ("a list holding itself twice", Mode::Virtual, "a = []\na.append(a)\na.append(a)\nprint(a)\n"),
    // `nonlocal` (or `global`) naming a parameter: CPython's SyntaxError "name 'x' is parameter
    // and nonlocal"; here it parses, the parameter gets no slot among the locals, and binding
    // the argument (Interp::bind, `slots[i] = Some(a)`) indexes past them: "index out of
    // bounds: the len is 0 but the index is 0". (With other locals it binds to the wrong one.)
    ("nonlocal naming a parameter", Mode::Virtual, "def f(x):\n    nonlocal x\n\nf(1)\n"),
    ("global naming a parameter", Mode::Virtual, "def f(x):\n    global x\n\nf(1)\n"),
    // asyncio.run() called again inside the running main(), under an `if`: CPython raises
    // RuntimeError ("asyncio.run() cannot be called from a running event loop"); here each
    // call runs main() again inline, and the browser's stack overflows as above before the
    // interpreter's RecursionError (without the `if` it is a RecursionError).
    (
        "asyncio.run inside the running loop",
        Mode::Virtual,
        "import asyncio\n\nasync def main():\n    if True:\n        asyncio.run(main())\n\nasyncio.run(main())\n",
    ),
    // A task whose result is the task itself: its repr (aio::PyTask::repr) writes the result's
    // repr, which is its own, without end (the depth guard of Value::write_repr restarts at 0).
    (
        "a task's repr holding itself",
        Mode::Virtual,
        "import asyncio\n\nasync def job():\n    return asyncio.current_task()\n\nasync def main():\n    \
         print(await asyncio.create_task(job()))\n\nasyncio.run(main())\n",
    ),
    // str.split/rsplit with a maxsplit of 2**32 - 1 or more: `m as usize + 1` (builtins/strings.rs,
    // the `split`/`rsplit` arms) overflows ("attempt to add with overflow"; usize is 32 bits in
    // wasm); a larger maxsplit is truncated by `as usize` and splits wrongly.
    (
        "str.split with a huge maxsplit",
        Mode::Virtual,
        "print('a.b'.split('.', 2**32 - 1))\nprint('a.b'.rsplit('.', 2**32 - 1))\n",
    ),
    // enumerate() with a start at the top of the 64-bit ints (a literal: here 2**63 itself is
    // an OverflowError): `start + i as i64`
    // (builtins/functions.rs, the `enumerate` arm) overflows ("attempt to add with overflow").
    ("enumerate from 2**63 - 1", Mode::Virtual, "for i, v in enumerate('ab', 9223372036854775807):\n    print(i, v)\n"),
    // A range wider than the 64-bit ints: value::range_len computes `stop - start - 1` (and
    // `-step`) in i64: "attempt to subtract with overflow" (CPython: len() is an OverflowError,
    // r[-1] works).
    (
        "a range wider than the 64-bit ints",
        Mode::Virtual,
        "r = range(-9223372036854775807 - 1, 9223372036854775807)\nprint(r[-1])\nprint(len(r))\n",
    ),
    // round() of an int to a negative number of digits (builtins/functions.rs, the `round` arm):
    // `(-n)` overflows for n = -2**63 ("attempt to negate with overflow"), and
    // `round_to_int(..) * p` overflows when rounding up past the largest int ("attempt to
    // multiply with overflow"; CPython: 9223372036854775810).
    ("round to -2**63 digits", Mode::Virtual, "print(round(7, -9223372036854775807 - 1))\n"),
    ("round up past the largest int", Mode::Virtual, "print(round(9223372036854775807, -1))\n"),
    // Semaphore.release() at the largest int: `value + 1` (aio.rs, the `release` method)
    // overflows ("attempt to add with overflow").
    (
        "Semaphore released at the largest int",
        Mode::Virtual,
        "import asyncio\n\ns = asyncio.Semaphore(9223372036854775807)\ns.release()\n",
    ),
    // A virtual run holds (gives the page a turn) after a count of steps (about 51,000), not of
    // real time: when each step is heavy (here a copy of 4,000 items) one turn lasts seconds
    // (`while True: y = x[:]` on a million items: minutes), and nothing can cancel the run
    // meanwhile. Real runs check the clock only every 256 steps: 256 such copies hold too.
    (
        "heavy steps in a virtual run's slice",
        Mode::Virtual,
        "x = list(range(4000))\nfor _ in range(30000):\n    y = x[:]\n",
    ),
    // A script method called by a built-in (here __str__, called by print) runs through
    // Interp::call_sync, where no preemption happens (`no_suspend`): a long loop in it holds the
    // page for all its length, and `while True: pass` there hangs the page for good, with no
    // way to cancel the run (found by FUZZ_SEED=17 FUZZ_MUTANTS=30000, mutant 6470).
    (
        "a long loop in __str__",
        Mode::Virtual,
        "class A:\n    def __str__(self):\n        for _ in range(10000000):\n            pass\n        return 'a'\n\nprint(A())\n",
    ),
    // time.sleep on the loop spins without giving the page a turn: a real-time run cannot be
    // cancelled (nor the page redrawn) until it returns; time.sleep(1e9) never does.
    ("time.sleep holds the page", Mode::Real, "import time\n\ntime.sleep(30)\n"),
];

/// Starts keeping the page's uncaught JavaScript errors (a wasm trap, the browser's stack
/// overflowing), which no Rust panic hook sees.
fn keep_js_errors() {
    let install = js_sys::Function::new_no_args(
        "if (!globalThis.loopscopeFuzzErrors) { globalThis.loopscopeFuzzErrors = []; \
         addEventListener('error', e => loopscopeFuzzErrors.push(String(e.message))); \
         addEventListener('unhandledrejection', e => loopscopeFuzzErrors.push(String(e.reason))); }",
    );
    install.call0(&wasm_bindgen::JsValue::NULL).expect("an error listener");
}

/// The page's uncaught JavaScript errors so far.
fn js_errors() -> Vec<String> {
    let list = js_sys::Reflect::get(&js_sys::global(), &"loopscopeFuzzErrors".into()).expect("kept errors");
    js_sys::Array::from(&list).iter().map(|e| e.as_string().unwrap_or_default()).collect()
}

// ---- running ----

thread_local! {
    /// The live fuzz runs, by run id: which program each is (for the panic hook).
    static LIVE: RefCell<HashMap<u32, (usize, Mode)>> = RefCell::new(HashMap::new());
    /// The program being started or cancelled outside any poll.
    static HANDLING: Cell<Option<(usize, Mode)>> = const { Cell::new(None) };
    static PROGRAMS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Says which program a panic came from before wasm-bindgen-test reports it.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = runtime::current()
            .and_then(|(_, run)| LIVE.with(|l| l.try_borrow().ok().and_then(|l| l.get(&run).copied())))
            .or_else(|| HANDLING.with(Cell::get));
        if let Some((index, mode)) = at {
            PROGRAMS.with(|p| {
                if let Ok(p) = p.try_borrow() {
                    let (name, source) = &p[index];
                    console_log!(
                        "fuzz: the panic below comes from {name} ({mode:?}):\n{source}\n(source as Rust: {source:?})"
                    );
                }
            });
        }
        previous(info)
    }));
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[derive(Default, Debug)]
struct Counts {
    made: usize,
    parsed: usize,
    ended: [usize; 2],
    cancelled: [usize; 2],
    failed: [usize; 2],
}

struct Live {
    run: u32,
    index: usize,
    mode: Mode,
    started: f64,
}

fn slot(mode: Mode) -> usize {
    (mode == Mode::Real) as usize
}

/// Programs whose transcript must be CPython's before and after the fuzz.
const CHECKED: &[&str] = &["asyncio_20_queue", "lang_08_exceptions"];

async fn check_corpus_programs(when: &str) {
    for name in CHECKED {
        let (_, source, expected) = CORPUS.iter().find(|(n, _, _)| n == name).expect("a corpus program");
        let got = transcript(source).await;
        let want: Vec<&str> = expected.lines().collect();
        assert!(
            got.iter().map(String::as_str).eq(want.iter().copied()),
            "{when}, {name} printed\n{got:#?}\nnot\n{want:#?}"
        );
    }
}

/// (wasm-bindgen-test runs a file's tests in reverse order of their names: this one after
/// `mutants_and_random_programs_never_panic_the_evaluator`, since an unfixed repro can leave
/// the runtime unable to run anything. `-- --skip fuzz_repros` runs the fuzz alone.)
///
/// Each known repro runs to its end within a few seconds, without a panic, an uncaught
/// JavaScript error or holding the page for long, and the runtime still runs a program after it.
#[wasm_bindgen_test]
async fn fuzz_repros() {
    keep_js_errors();
    let mut problems = Vec::new();
    let only = option_env!("FUZZ_REPRO").unwrap_or("");
    for (name, mode, source) in KNOWN_REPROS.iter().filter(|(name, _, _)| name.contains(only)) {
        console_log!("repro: {name} ({mode:?})");
        let errors = js_errors().len();
        let speed = if *mode == Mode::Real { REAL_SPEED } else { 1.0 };
        let start = now_ms();
        // A syntax error (CPython's, e.g. a nonlocal naming a parameter) is an answer too.
        let Ok(run) = loopscope::script::start(source, config_in(*mode, "script", "main", speed, Lang::En), 0) else {
            continue;
        };
        let (mut last, mut longest) = (now_ms(), now_ms() - start);
        while runtime::run_finished(run).is_some() && now_ms() - start < 5_000.0 {
            wait_ms(1).await;
            longest = longest.max(now_ms() - last);
            last = now_ms();
        }
        let ended = runtime::run_finished(run).is_none();
        if !ended {
            runtime::cancel_run(run);
            problems.push(format!("{name}: did not end within 5 s"));
        }
        if longest >= 1_000.0 {
            problems.push(format!("{name}: held the page {longest:.0} ms"));
        }
        let thrown = js_errors().split_off(errors);
        if !thrown.is_empty() {
            problems.push(format!("{name}: the page threw {thrown:?}"));
        }
        let after = transcript("print('still running')\n").await;
        if after != ["0.00 | still running"] {
            problems.push(format!(
                "{name}: afterwards a program printed {after:?} (the runtime is broken: later repros not run)"
            ));
            break;
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert_eq!((runtime::live_runs(), runtime::live_tasks()), (0, 0));
}

#[wasm_bindgen_test]
async fn mutants_and_random_programs_never_panic_the_evaluator() {
    check_corpus_programs("before the fuzz").await;
    // The fuzz runs untraced: thousands of programs printing random lines would fill the
    // trace's table of texts (65,536), and every later print in this page would read "…".
    loopscope::trace::set_on(false);
    let began = now_ms();
    let programs = programs();
    PROGRAMS.with(|p| *p.borrow_mut() = programs.clone());
    install_panic_hook();
    keep_js_errors();
    let errors_before = js_errors().len();
    let made = now_ms();

    let mut counts = Counts { made: programs.len(), ..Counts::default() };
    let mut jobs: Vec<(usize, Mode)> = Vec::new();
    for (index, (_, source)) in programs.iter().enumerate() {
        if loopscope::script::parser::parse(source).is_err() {
            continue;
        }
        counts.parsed += 1;
        for mode in [Mode::Virtual, Mode::Real] {
            if mode == Mode::Real && counts.parsed % REAL_TIME_EVERY != 0 {
                continue;
            }
            jobs.push((index, mode));
        }
    }

    let mut live: Vec<Live> = Vec::new();
    let mut next = 0;
    let (mut longest_block, mut blocked_by) = (0.0f64, Vec::new());
    let mut uncancellable = Vec::new();
    let mut last = now_ms();
    while next < jobs.len() || !live.is_empty() {
        while live.len() < AT_ONCE && next < jobs.len() {
            let (index, mode) = jobs[next];
            next += 1;
            let speed = if mode == Mode::Real { REAL_SPEED } else { 1.0 };
            let config = config_in(mode, "script", "main", speed, Lang::En);
            HANDLING.with(|h| h.set(Some((index, mode))));
            let run = loopscope::script::start(&programs[index].1, config, index as i64).expect("it parsed");
            HANDLING.with(|h| h.set(None));
            LIVE.with(|l| l.borrow_mut().insert(run, (index, mode)));
            live.push(Live { run, index, mode, started: now_ms() });
        }
        wait_ms(1).await;
        let t = now_ms();
        if t - last > longest_block {
            longest_block = t - last;
            blocked_by = live.iter().map(|l| l.index).collect();
        }
        last = t;
        let errors = js_errors();
        if errors.len() > errors_before {
            // The poll that threw never returned: the runtime still says which task it was.
            let culprit = runtime::current().and_then(|(_, run)| LIVE.with(|l| l.borrow().get(&run).copied()));
            let (name, source) = culprit.map_or(("(none)".into(), String::new()), |(i, _)| programs[i].clone());
            panic!("the page threw {:?} during a poll of {name}:\n{source}\n{source:?}", &errors[errors_before..]);
        }
        live.retain(|l| {
            let budget = if l.mode == Mode::Real { REAL_BUDGET_MS } else { VIRTUAL_BUDGET_MS };
            if runtime::run_finished(l.run).is_none() {
                counts.ended[slot(l.mode)] += 1;
                if loopscope::script::host::failed(l.run) {
                    counts.failed[slot(l.mode)] += 1;
                }
            } else if t - l.started > budget {
                HANDLING.with(|h| h.set(Some((l.index, l.mode))));
                runtime::cancel_run(l.run);
                HANDLING.with(|h| h.set(None));
                counts.cancelled[slot(l.mode)] += 1;
                if runtime::run_finished(l.run).is_some() {
                    uncancellable.push(l.index);
                }
            } else {
                return true;
            }
            LIVE.with(|live| live.borrow_mut().remove(&l.run));
            false
        });
    }
    let ran = now_ms();

    console_log!(
        "fuzz: seed {SEED}: {} programs made ({MUTANTS} mutants, {RANDOM_BYTES} random bytes, {TOKEN_SOUPS} token soups) in {:.0} ms; \
         {} parsed",
        counts.made,
        made - began,
        counts.parsed
    );
    console_log!(
        "fuzz: virtual time: {} ran to an end ({} with an uncaught exception), {} cancelled",
        counts.ended[0],
        counts.failed[0],
        counts.cancelled[0]
    );
    console_log!(
        "fuzz: real time: {} ran to an end ({} with an uncaught exception), {} cancelled",
        counts.ended[1],
        counts.failed[1],
        counts.cancelled[1]
    );
    console_log!("fuzz: runs took {:.1} s; the page's longest turn {:.0} ms", (ran - made) / 1000.0, longest_block);
    if option_env!("FUZZ_SEED").is_some() {
        for i in &blocked_by {
            console_log!("fuzz: live during the longest turn: {}: {:?}", programs[*i].0, programs[*i].1);
        }
    }

    let name = |i: &usize| programs[*i].0.clone();
    assert!(
        uncancellable.is_empty(),
        "runs that cancel_run did not end: {:?}",
        uncancellable.iter().map(name).collect::<Vec<_>>()
    );
    assert!(
        longest_block < MAX_BLOCK_MS,
        "the page was held {longest_block:.0} ms by one of: {:?}",
        blocked_by.iter().map(|i| (name(i), programs[*i].1.clone())).collect::<Vec<_>>()
    );
    assert_eq!(
        (runtime::live_runs(), runtime::live_tasks(), runtime::pending_timers()),
        (0, 0, 0),
        "runs, tasks or timers left after the fuzz"
    );
    loopscope::trace::set_on(true);
    check_corpus_programs("after the fuzz").await;
}
