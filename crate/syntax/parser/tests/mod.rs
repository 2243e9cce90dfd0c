//! The parser's tests: the trees it builds; `errors.rs` holds the errors it reports.

mod errors;

use super::*;
use crate::ast::{intern, name_text, Arg, Comprehension, Const, FPart, Stmt, StmtKind};

/// Runs `f` on a thread with room to recurse: this crate's native test threads keep
/// little stack beside the trace ring's thread-local storage.
fn roomy(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(32 << 20).spawn(f).unwrap().join().unwrap();
}

fn module(src: &str) -> Vec<Stmt> {
    match parse(src) {
        Ok(m) => m.body,
        Err(e) => panic!("{src:?}: {e:?}"),
    }
}

fn expr(src: &str) -> Expr {
    match module(src).pop().map(|s| s.kind) {
        Some(StmtKind::Expr(e)) => e,
        other => panic!("{src:?}: not an expression: {other:?}"),
    }
}

fn fail(src: &str) -> SyntaxError {
    match parse(src) {
        Ok(m) => panic!("{src:?} parsed: {m:?}"),
        Err(e) => e,
    }
}

/// A compact rendering of an expression, to compare shapes.
fn show(e: &Expr) -> String {
    let list = |v: &[Expr]| v.iter().map(show).collect::<Vec<_>>().join(", ");
    match &e.kind {
        ExprKind::Const(Const::Int(v)) => v.to_string(),
        ExprKind::Const(Const::Float(v)) => format!("{v:?}"),
        ExprKind::Const(Const::Str(s)) => format!("{s:?}"),
        ExprKind::Const(Const::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
        ExprKind::Const(c) => format!("{c:?}"),
        ExprKind::Name(n) => name_text(*n).to_string(),
        ExprKind::Attribute(v, n) => format!("{}.{}", show(v), name_text(*n)),
        ExprKind::Subscript(v, i) => format!("{}[{}]", show(v), show(i)),
        ExprKind::Slice(a, b, c) => {
            let o = |x: &Option<Box<Expr>>| x.as_ref().map(|x| show(x)).unwrap_or_default();
            format!("{}:{}:{}", o(a), o(b), o(c))
        }
        ExprKind::Call(f, args) => {
            let args: Vec<String> = args
                .iter()
                .map(|a| match a {
                    Arg::Pos(e) => show(e),
                    Arg::Star(e) => format!("*{}", show(e)),
                    Arg::Kw(n, e) => format!("{}={}", name_text(*n), show(e)),
                    Arg::DoubleStar(e) => format!("**{}", show(e)),
                })
                .collect();
            format!("{}({})", show(f), args.join(", "))
        }
        ExprKind::BinOp(a, op, b) => format!("({} {op:?} {})", show(a), show(b)),
        ExprKind::Unary(op, a) => format!("({op:?} {})", show(a)),
        ExprKind::BoolOp(and, v) => format!("({} {})", if *and { "and" } else { "or" }, list(v)),
        ExprKind::Compare(a, ops) => {
            let ops: Vec<String> = ops.iter().map(|(op, e)| format!("{op:?} {}", show(e))).collect();
            format!("({} {})", show(a), ops.join(" "))
        }
        ExprKind::IfExp(t, b, o) => format!("({} if {} else {})", show(b), show(t), show(o)),
        ExprKind::Lambda(f) => format!("lambda/{}", f.params.args.len()),
        ExprKind::List(v) => format!("[{}]", list(v)),
        ExprKind::Tuple(v) => format!("({},)", list(v)),
        ExprKind::Set(v) => format!("{{{}}}", list(v)),
        ExprKind::Dict(v) => {
            let items: Vec<String> = v
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("{}: {}", show(k), show(v)),
                    None => format!("**{}", show(v)),
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        ExprKind::ListComp(e, g) => format!("[{}{}]", show(e), comps(g)),
        ExprKind::SetComp(e, g) => format!("{{{}{}}}", show(e), comps(g)),
        ExprKind::DictComp(k, v, g) => format!("{{{}: {}{}}}", show(k), show(v), comps(g)),
        ExprKind::GeneratorExp(gx) => format!("({}{})", show(&gx.elt), comps(&gx.gens)),
        ExprKind::Await(e) => format!("(await {})", show(e)),
        ExprKind::Starred(e) => format!("*{}", show(e)),
        ExprKind::NamedExpr(n, e) => format!("({} := {})", name_text(*n), show(e)),
        ExprKind::FString(parts) => format!("f[{}]", fparts(parts)),
    }
}

fn comps(g: &[Comprehension]) -> String {
    g.iter()
        .map(|c| {
            let ifs: String = c.ifs.iter().map(|e| format!(" if {}", show(e))).collect();
            let a = if c.is_async { " async" } else { "" };
            format!("{a} for {} in {}{ifs}", show(&c.target), show(&c.iter))
        })
        .collect()
}

fn fparts(parts: &[FPart]) -> String {
    let parts: Vec<String> = parts
        .iter()
        .map(|p| match p {
            FPart::Lit(s) => format!("{s:?}"),
            FPart::Field { expr, conv, spec, debug } => {
                let conv = conv.map(|c| format!("!{c}")).unwrap_or_default();
                let debug = debug.as_ref().map(|d| format!("{d:?}=")).unwrap_or_default();
                let spec = if spec.is_empty() { String::new() } else { format!(":{}", fparts(spec)) };
                format!("{{{debug}{}{conv}{spec}}}", show(expr))
            }
        })
        .collect();
    parts.join(" ")
}

fn shape(src: &str) -> String {
    show(&expr(src))
}

/// The shape of an expression inside an `async def`, where `await` is allowed.
fn async_shape(src: &str) -> String {
    let body = module(&format!("async def f():\n    {src}"));
    let Some(StmtKind::FunctionDef(f)) = body.first().map(|s| &s.kind) else { panic!() };
    let Some(StmtKind::Expr(e)) = f.body.first().map(|s| &s.kind) else { panic!() };
    show(e)
}

const LESSON: &str = r#"import asyncio
import time

async def fetch_data(n, delay=1.0):
    print(f"Veri {n} alınıyor... {delay:.1f} sn")
    await asyncio.sleep(delay)
    return {"id": n, "value": n * 10}

async def main():
    start = time.time()
    tasks = [asyncio.create_task(fetch_data(i), name=f"fetch_{i}") for i in range(3)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print("hata:", r)
        elif r["value"] > 10:
            print(r)
    try:
        await asyncio.wait_for(fetch_data(9, 5), timeout=1)
    except asyncio.TimeoutError as e:
        print("zaman aşımı", repr(e))
    finally:
        print(f"{time.time() - start = :.2f}")
    async with asyncio.Lock() as lock:
        pass

asyncio.run(main())
"#;

#[test]
fn the_lesson_program_parses_into_the_expected_tree() {
    roomy(|| {
        let body = module(LESSON);
        assert_eq!(body.len(), 5);
        let StmtKind::FunctionDef(fetch) = &body[2].kind else { panic!("{:?}", body[2]) };
        assert!(fetch.is_async && !fetch.has_yield);
        assert_eq!((body[2].line, fetch.params.args.len()), (4, 2));
        assert_eq!(fetch.params.args[1].default.as_ref().map(show).as_deref(), Some("1.0"));
        let StmtKind::Expr(print) = &fetch.body[0].kind else { panic!() };
        assert_eq!(show(print), r#"print(f["Veri " {n} " alınıyor... " {delay:".1f"} " sn"])"#);
        let StmtKind::FunctionDef(main) = &body[3].kind else { panic!() };
        let StmtKind::Assign { value, .. } = &main.body[1].kind else { panic!() };
        let want = r#"[asyncio.create_task(fetch_data(i), name=f["fetch_" {i}]) for i in range(3)]"#;
        assert_eq!(show(value), want);
        let StmtKind::Assign { value, .. } = &main.body[2].kind else { panic!() };
        assert_eq!(show(value), "(await asyncio.gather(*tasks, return_exceptions=True))");
        let StmtKind::For { body: for_body, .. } = &main.body[3].kind else { panic!() };
        let StmtKind::If { orelse, .. } = &for_body[0].kind else { panic!() };
        assert!(matches!(&orelse[0].kind, StmtKind::If { .. }));
        assert_eq!(orelse[0].line, 16);
        let StmtKind::Try { handlers, finalbody, .. } = &main.body[4].kind else { panic!() };
        assert_eq!(handlers[0].typ.as_ref().map(show).as_deref(), Some("asyncio.TimeoutError"));
        assert_eq!(handlers[0].name, Some(intern("e")));
        let StmtKind::Expr(print) = &finalbody[0].kind else { panic!() };
        assert_eq!(show(print), r#"print(f[{"time.time() - start = "=(time.time() Sub start):".2f"}])"#);
        let StmtKind::With { items, is_async: true, .. } = &main.body[5].kind else { panic!() };
        assert_eq!(items[0].target.as_ref().map(show).as_deref(), Some("lock"));
    });
}

#[test]
fn operators_bind_with_pythons_precedence() {
    roomy(|| {
        assert_eq!(shape("-2**2"), "(Neg (2 Pow 2))");
        assert_eq!(shape("2**-1"), "(2 Pow (Neg 1))");
        assert_eq!(shape("a**b**c"), "(a Pow (b Pow c))");
        assert_eq!(shape("a + b * c - d"), "((a Add (b Mul c)) Sub d)");
        assert_eq!(shape("a | b ^ c & d << 1 + 2"), "(a BitOr (b BitXor (c BitAnd (d LShift (1 Add 2)))))");
        assert_eq!(shape("a // b % c @ d"), "(((a FloorDiv b) Mod c) MatMul d)");
        assert_eq!(shape("not a == b and c or d"), "(or (and (Not (a Eq b)), c), d)");
        assert_eq!(shape("a < b <= c is not d not in e"), "(a Lt b LtE c IsNot d NotIn e)");
        assert_eq!(shape("x if a or b else y"), "(x if (or a, b) else y)");
        assert_eq!(shape("lambda x, y=1: x"), "lambda/2");
        assert_eq!(shape("~a.b[1](2)"), "(Invert a.b[1](2))");
        assert_eq!(async_shape("await x.y()"), "(await x.y())");
        assert_eq!(async_shape("-await x"), "(Neg (await x))");
    });
}

#[test]
fn atoms_and_displays_take_their_shapes() {
    roomy(|| {
        assert_eq!(shape("1_000, 0xff, 0o17, 0b101, 1.5, 1e-3, .5, 5."), "(1000, 255, 15, 5, 1.5, 0.001, 0.5, 5.0,)");
        assert_eq!(shape("None, True, False, ..."), "(None, True, False, Ellipsis,)");
        assert_eq!(shape("(), (a,), (a, b), (a)"), "((,), (a,), (a, b,), a,)");
        assert_eq!(shape("[], [1, *a], {}, {1, *a}"), "([], [1, *a], {}, {1, *a},)");
        assert_eq!(shape("{'a': 1, **d}"), r#"{"a": 1, **d}"#);
        assert_eq!(shape("a[1:2], a[::2], a[1, 2], a[:]"), "(a[1:2:], a[::2], a[(1, 2,)], a[::],)");
        assert_eq!(shape("[x for x in y if x if x > 1 for z in x]"), "[x for x in y if x if (x Gt 1) for z in x]");
        assert_eq!(shape("{k: v for k, v in d}"), "{k: v for (k, v,) in d}");
        assert_eq!(async_shape("{x async for x in y}"), "{x async for x in y}");
        assert_eq!(shape("sum(x for x in y)"), "sum((x for x in y))");
        assert_eq!(shape("f(a, *b, k=1, **c)"), "f(a, *b, k=1, **c)");
        assert_eq!(shape("(n := 10) > 5"), "((n := 10) Gt 5)");
        assert_eq!(shape("'a' 'b' \"c\""), r#""abc""#);
    });
}

#[test]
fn string_escapes_are_decoded_and_raw_strings_kept() {
    roomy(|| {
        assert_eq!(shape("'\\n\\t\\\\\\'\\\"\\x41\\u00e7\\101\\\nz'"), r#""\n\t\\'\"AçAz""#);
        assert_eq!(shape(r"r'\n\x'"), r#""\\n\\x""#);
        assert_eq!(shape("'''a\nb''' \"\"\"c\"\"\""), r#""a\nbc""#);
        assert_eq!(shape(r"'\q'"), r#""\\q""#);
    });
}

#[test]
fn f_strings_split_into_literals_and_fields() {
    roomy(|| {
        assert_eq!(shape(r#"f"{x!r}""#), "f[{x!r}]");
        assert_eq!(shape(r#"f"{x:>8}|{x:.2f}""#), r#"f[{x:">8"} "|" {x:".2f"}]"#);
        assert_eq!(shape(r#"f"{x:{width}.{p}}""#), r#"f[{x:{width} "." {p}}]"#);
        assert_eq!(shape(r#"f"{{a}} {{""#), r#"f["{a} {"]"#);
        assert_eq!(shape(r#"f"{x=}""#), r#"f[{"x="=x!r}]"#);
        assert_eq!(shape(r#"f"{x = }""#), r#"f[{"x = "=x!r}]"#);
        assert_eq!(shape(r#"f"{x=:>3}""#), r#"f[{"x="=x:">3"}]"#);
        assert_eq!(shape(r#"f"{x=!s}""#), r#"f[{"x="=x!s}]"#);
        assert_eq!(shape(r#"f"{a['k']!s:^{n}}""#), r#"f[{a["k"]!s:"^" {n}}]"#);
        assert_eq!(shape(r#"f"{a == b} {a != b} {d[1:2]}""#), r#"f[{(a Eq b)} " " {(a NotEq b)} " " {d[1:2:]}]"#);
        assert_eq!(shape(r#"'a' f'b{1}' 'c'"#), r#"f["ab" {1} "c"]"#);
        assert_eq!(shape(r#"f'\t{x}\n'"#), r#"f["\t" {x} "\n"]"#);
        assert_eq!(shape(r#"f"{x, y}""#), "f[{(x, y,)}]");
    });
}

#[test]
fn f_string_fields_point_into_the_source() {
    roomy(|| {
        let e = expr("x = 1\nf'ab {y + z}'");
        let ExprKind::FString(parts) = e.kind else { panic!() };
        let FPart::Field { expr, .. } = &parts[1] else { panic!() };
        assert_eq!((expr.line, expr.col), (2, 7));
        let e = fail("f'ab {y +}'");
        assert_eq!((e.message.as_str(), e.line, e.col), ("f-string: invalid syntax", 1, 10));
    });
}

const STATEMENTS: &str = "a = b = 1
x, *y = 1, 2
[p, q] = r
x.a[0] += 2
x: int = 1
y: str
del a, b[0], c.x
assert x, 'm'
global g
raise
raise E from e
import a, a.b as c
from m import (x, y as z,)
from m import *
if a: pass
elif b: pass
else: pass
while a: break
else: pass
for i, j in k: continue
with a as b, c: pass
x = 1; y = 2;
";

#[test]
fn statements_take_their_shapes() {
    roomy(|| {
        let body = module(STATEMENTS);
        let kinds: Vec<String> =
            body.iter().map(|s| format!("{:?}", s.kind).split(['(', ' ']).next().unwrap_or("").to_string()).collect();
        let want = [
            "Assign",
            "Assign",
            "Assign",
            "AugAssign",
            "AnnAssign",
            "AnnAssign",
            "Del",
            "Assert",
            "Global",
            "Raise",
            "Raise",
            "Import",
            "ImportFrom",
            "ImportFrom",
            "If",
            "While",
            "For",
            "With",
            "Assign",
            "Assign",
        ];
        assert_eq!(kinds, want);
        let StmtKind::Assign { targets, value } = &body[0].kind else { panic!() };
        assert_eq!((targets.len(), show(value)), (2, "1".to_string()));
        let StmtKind::Assign { targets, .. } = &body[1].kind else { panic!() };
        assert_eq!(show(&targets[0]), "(x, *y,)");
        let StmtKind::AugAssign { op: BinOp::Add, target, .. } = &body[3].kind else { panic!() };
        assert_eq!(show(target), "x.a[0]");
        let StmtKind::AnnAssign { value: None, .. } = &body[5].kind else { panic!() };
        let StmtKind::Raise { exc: Some(_), cause: Some(_) } = &body[10].kind else { panic!() };
        let StmtKind::Import(names) = &body[11].kind else { panic!() };
        assert_eq!((names[1].name.as_str(), names[1].asname, names[1].col), ("a.b", Some(intern("c")), 11));
        let StmtKind::ImportFrom { module, names } = &body[12].kind else { panic!() };
        assert_eq!((module.as_str(), names.len(), names[1].asname), ("m", 2, Some(intern("z"))));
        let StmtKind::ImportFrom { names, .. } = &body[13].kind else { panic!() };
        assert_eq!(names[0].name, "*");
        let StmtKind::If { orelse, .. } = &body[14].kind else { panic!() };
        let StmtKind::If { orelse, .. } = &orelse[0].kind else { panic!() };
        assert!(matches!(orelse[0].kind, StmtKind::Pass));
        let StmtKind::For { target, .. } = &body[16].kind else { panic!() };
        assert_eq!(show(target), "(i, j,)");
        assert_eq!((body[18].line, body[19].line), (22, 22));
    });
}

const DEFS: &str = "@dec
@mod.dec(1)
def f(a, b: int = 1, *args, c, d=2, **kw) -> int:
    return a, b
def g(*, k): pass
class A(B, C):
    x = 1
class D: pass
try:
    pass
except (A, B) as e:
    pass
except C:
    pass
except:
    pass
else:
    pass
finally:
    pass
def gen():
    yield 1
    yield
    def inner(): return 1
f = lambda: (yield)
";

#[test]
fn functions_classes_and_handlers_keep_their_parts() {
    roomy(|| {
        let body = module(DEFS);
        let StmtKind::FunctionDef(f) = &body[0].kind else { panic!() };
        assert_eq!((f.decorators.len(), f.line, body[0].line), (2, 3, 1));
        let p = &f.params;
        assert_eq!((p.args.len(), p.vararg, p.kwonly.len(), p.kwarg), (2, Some(intern("args")), 2, Some(intern("kw"))));
        assert!(p.kwonly[1].default.is_some() && p.kwonly[0].default.is_none());
        let StmtKind::Return(Some(r)) = &f.body[0].kind else { panic!() };
        assert_eq!(show(r), "(a, b,)");
        let StmtKind::FunctionDef(g) = &body[1].kind else { panic!() };
        assert_eq!((g.params.vararg, g.params.kwonly.len()), (None, 1));
        let StmtKind::ClassDef { bases, body: cbody, .. } = &body[2].kind else { panic!() };
        assert_eq!((bases.len(), cbody.len()), (2, 1));
        let StmtKind::Try { handlers, orelse, finalbody, .. } = &body[4].kind else { panic!() };
        assert_eq!(handlers.len(), 3);
        assert_eq!(handlers[0].typ.as_ref().map(show).as_deref(), Some("(A, B,)"));
        assert!(handlers[2].typ.is_none() && !orelse.is_empty() && !finalbody.is_empty());
        let StmtKind::FunctionDef(gen) = &body[5].kind else { panic!() };
        assert!(gen.has_yield);
        let StmtKind::FunctionDef(inner) = &gen.body[2].kind else { panic!() };
        assert!(!inner.has_yield);
        let StmtKind::Assign { value, .. } = &body[6].kind else { panic!() };
        let ExprKind::Lambda(l) = &value.kind else { panic!() };
        assert!(l.has_yield);
    });
}

#[test]
fn layout_details_are_accepted() {
    roomy(|| {
        let src = "\u{feff}x = [\n  1,  # one\n  2,\n]\r\nif x:\r\n\tif x:\r\n\t\ty = 1 + \\\n  2\n\n# end\n  \ny = {\n'a': 1,\n}\nz = 'a\\\nb'";
        let body = module(src);
        assert_eq!(body.len(), 4);
        let StmtKind::Assign { value, .. } = &body[3].kind else { panic!() };
        assert_eq!(show(value), r#""ab""#);
        assert_eq!(module("görev = 1\nişlem = görev").len(), 2);
        let e = expr("x = 1\n  # indented comment\nşey");
        assert_eq!((e.line, e.col), (3, 1));
        assert!(module("").is_empty());
        assert!(module("\n\n# only a comment").is_empty());
    });
}

#[test]
fn patterns_that_bind_alike_in_each_alternative_parse() {
    for src in [
        "match p:\n    case (1 as a) | (2 as a): pass",
        "match p:\n    case [1, _] | [_, 2]: pass",
        "match p:\n    case [a, *_, b] | (a, b): pass",
        "match p:\n    case {\"k\": v, **rest}: pass",
        "match p:\n    case Point(x=0) | Point(y=0): pass",
        "match p:\n    case 1 | 2:\n        pass\n    case x:\n        pass",
    ] {
        module(src);
    }
}
