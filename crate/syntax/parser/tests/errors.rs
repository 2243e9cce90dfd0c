//! The parser's error tests: CPython's messages and places, what is outside the subset, deep nesting, and
//! random input that must never panic.

use super::*;

#[test]
fn outside_the_subset_is_refused_by_name() {
    roomy(|| {
        let cases = [
            ("x = 99999999999999999999", "integers this large"),
            ("x = 1j", "complex numbers"),
            ("x = '\\N{DASH}'", "named Unicode escapes (\\N{...})"),
            ("from . import x", "relative imports"),
            ("class A(metaclass=M): pass", "keyword or star arguments in a class definition"),
            ("type X = int", "the type statement"),
        ];
        for (src, what) in cases {
            let e = fail(src);
            assert_eq!(e.kind, ErrorKind::Unsupported, "{src:?}");
            assert_eq!(e.message, format!("Loopscope's Python does not support {what} yet"));
            assert_eq!(e.type_name(), "SyntaxError");
        }
        // Soft keywords stay usable as names.
        assert_eq!(module("match = 1\nmatch(x)\ntype = 2\nmatch.a = 3").len(), 4);
        assert_eq!(module("match (x):\n    case 1: pass\n    case [a, *b] | (a, *b) if a: pass").len(), 1);
        assert_eq!(module("match x:\n    case [(1 | 2) as n, {'k': str() as s}] as whole: pass").len(), 1);
        // Python 3.10's parenthesized `with` items, over several lines; a tuple is one item.
        let with = |src| match &module(src)[0].kind {
            StmtKind::With { items, .. } => items.len(),
            _ => 0,
        };
        assert_eq!(with("with (a() as x,\n      b() as y,):\n    pass"), 2);
        assert_eq!(with("with (a, b):\n    pass"), 2);
        assert_eq!(with("with (a, b) as t:\n    pass"), 1);
        assert_eq!(with("with (a):\n    pass"), 1);
    });
}

/// Source, then CPython 3.11's exception, message, line and offset, recorded by running
/// `compile(source, "main.py", "exec")` in python3.11.
const CPYTHON: &[(&str, &str, &str, u32, u32)] = &[
    ("x = b'ç'", "SyntaxError", "bytes can only contain ASCII literal characters", 1, 5),
    ("x = b'a' 'b'", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13),
    ("x = 'a' b'b'", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13),
    ("if x\n    pass", "SyntaxError", "expected ':'", 1, 5),
    ("try:\n  pass\nexcept* :\n  pass", "SyntaxError", "expected one or more exception types", 3, 9),
    (
        "try:\n  pass\nexcept* E:\n  pass\nexcept F:\n  pass",
        "SyntaxError",
        "cannot have both 'except' and 'except*' on the same 'try'",
        5,
        1,
    ),
    ("def f()\n    pass", "SyntaxError", "expected ':'", 1, 8),
    (
        "match x:\n    case y: pass\n    case 2: pass",
        "SyntaxError",
        "name capture 'y' makes remaining patterns unreachable",
        2,
        10,
    ),
    (
        "match x:\n    case _: pass\n    case 2: pass",
        "SyntaxError",
        "wildcard makes remaining patterns unreachable",
        2,
        10,
    ),
    ("match x:\n    case f'a': pass", "SyntaxError", "patterns may only match literals and attribute lookups", 2, 10),
    ("match x\n    case 1: pass", "SyntaxError", "expected ':'", 1, 8),
    ("print((*a))", "SyntaxError", "cannot use starred expression here", 1, 8),
    ("x = (*a)", "SyntaxError", "cannot use starred expression here", 1, 6),
    (
        "match x:\ncase 1: pass",
        "IndentationError",
        "expected an indented block after 'match' statement on line 1",
        2,
        1,
    ),
    ("match x:\n    print(x)", "SyntaxError", "invalid syntax", 2, 5),
    ("match x:\n    case [*a, *b]: pass", "SyntaxError", "multiple starred names in sequence pattern", 2, 10),
    (
        "match x:\n    case 1:\n    pass",
        "IndentationError",
        "expected an indented block after 'case' statement on line 2",
        3,
        5,
    ),
    ("while x\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("for x in y\n  pass", "SyntaxError", "expected ':'", 1, 11),
    ("class A\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("if x   # why\n    pass", "SyntaxError", "expected ':'", 1, 8),
    ("x = (1,\n2", "SyntaxError", "'(' was never closed", 1, 5),
    ("x = [1, 2)", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10),
    ("x = (1,\n 2]", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 3),
    ("x = 1)", "SyntaxError", "unmatched ')'", 1, 6),
    ("if x:\npass", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1),
    ("def f():\npass", "IndentationError", "expected an indented block after function definition on line 1", 2, 1),
    ("for a in b:\npass", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1),
    ("while a:\npass", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1),
    ("try:\npass", "IndentationError", "expected an indented block after 'try' statement on line 1", 2, 1),
    ("class A:\npass", "IndentationError", "expected an indented block after class definition on line 1", 2, 1),
    ("with a:\npass", "IndentationError", "expected an indented block after 'with' statement on line 1", 2, 1),
    (
        "if a:\n  pass\nelse:\npass",
        "IndentationError",
        "expected an indented block after 'else' statement on line 3",
        4,
        1,
    ),
    (
        "if a:\n  pass\nelif b:\npass",
        "IndentationError",
        "expected an indented block after 'elif' statement on line 3",
        4,
        1,
    ),
    (
        "try:\n  pass\nexcept:\npass",
        "IndentationError",
        "expected an indented block after 'except' statement on line 3",
        4,
        1,
    ),
    (
        "try:\n  pass\nexcept E as e:\npass",
        "IndentationError",
        "expected an indented block after 'except' statement on line 3",
        4,
        1,
    ),
    (
        "try:\n  pass\nfinally:\npass",
        "IndentationError",
        "expected an indented block after 'finally' statement on line 3",
        4,
        1,
    ),
    (
        "async def f():\n  async for x in y:\n  pass",
        "IndentationError",
        "expected an indented block after 'for' statement on line 2",
        3,
        3,
    ),
    (
        "async def f():\n  async with a:\n  pass",
        "IndentationError",
        "expected an indented block after 'with' statement on line 2",
        3,
        3,
    ),
    ("if x:", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6),
    ("x = 1\n    y = 2", "IndentationError", "unexpected indent", 2, 4),
    (
        "if True:\n    print('a')\n   print('b')",
        "IndentationError",
        "unindent does not match any outer indentation level",
        3,
        14,
    ),
    ("x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
    ("x = \"abc\ny = 1", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
    ("x = \"\"\"abc\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 5),
    ("x = '''a\nb\nc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 3)", 1, 5),
    ("print(\"a\" \"b\" x)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7),
    ("foo(\n  a,\n  b c)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 3, 3),
    ("x = [1 2]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("f() = 1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("a + b = c", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
    ("x = f() = 1", "SyntaxError", "cannot assign to function call", 1, 5),
    ("(a, 1) = x", "SyntaxError", "cannot assign to literal", 1, 5),
    ("True = 1", "SyntaxError", "cannot assign to True", 1, 1),
    ("x == 1 = 2", "SyntaxError", "cannot assign to comparison", 1, 1),
    ("for 1 in x: pass", "SyntaxError", "cannot assign to literal", 1, 5),
    ("with a as 1: pass", "SyntaxError", "cannot assign to literal", 1, 11),
    ("del f()", "SyntaxError", "cannot delete function call", 1, 5),
    ("f() += 1", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1),
    ("(a, b) += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("if x = 1:\n   pass", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4),
    ("(x = 1)", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 2),
    ("x = 1 if y else 2 = 3", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 1),
    ("return 1", "SyntaxError", "'return' outside function", 1, 1),
    ("await x", "SyntaxError", "'await' outside function", 1, 1),
    ("def f():\n  await x", "SyntaxError", "'await' outside async function", 2, 3),
    ("def f():\n  return await x\nasync def g():\n  pass", "SyntaxError", "'await' outside async function", 2, 10),
    ("yield x", "SyntaxError", "'yield' outside function", 1, 1),
    ("break", "SyntaxError", "'break' outside loop", 1, 1),
    ("continue", "SyntaxError", "'continue' not properly in loop", 1, 1),
    ("f(1, b=2, c=3, b=4)", "SyntaxError", "keyword argument repeated: b", 1, 16),
    ("if yaş => 3:\n    pass", "SyntaxError", "invalid syntax", 1, 8),
    ("while x =< 3:\n    pass", "SyntaxError", "invalid syntax", 1, 9),
    ("for x in range(3):\n    pass\nelse:\n    break", "SyntaxError", "'break' outside loop", 4, 5),
    (
        "def f():\n  try:\n    pass\n  except* E:\n    return 1",
        "SyntaxError",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        5,
        12,
    ),
    (
        "def f():\n  try:\n    pass\n  except* E:\n    return x + 1",
        "SyntaxError",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        5,
        5,
    ),
    (
        "for i in x:\n  try:\n    pass\n  except* E:\n    break",
        "SyntaxError",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        5,
        5,
    ),
    (
        "def f():\n  for i in x:\n    try:\n      pass\n    except* E:\n      if i:\n        continue",
        "SyntaxError",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        7,
        9,
    ),
    (
        "def f():\n    for x in y:\n        def g():\n            continue",
        "SyntaxError",
        "'continue' not properly in loop",
        4,
        13,
    ),
    ("x = ‘a’", "SyntaxError", "invalid character '‘' (U+2018)", 1, 5),
    ("x = 5 ‘", "SyntaxError", "invalid character '‘' (U+2018)", 1, 7),
    ("x² = 5", "SyntaxError", "invalid character '²' (U+00B2)", 1, 2),
    ("print(a½)", "SyntaxError", "invalid character '½' (U+00BD)", 1, 8),
    ("x = $", "SyntaxError", "invalid syntax", 1, 5),
    ("x = ", "SyntaxError", "invalid syntax", 1, 5),
    ("x = 1 +", "SyntaxError", "invalid syntax", 1, 8),
    ("a = not", "SyntaxError", "invalid syntax", 1, 8),
    ("def (): pass", "SyntaxError", "invalid syntax", 1, 5),
    ("def f:\n  pass", "SyntaxError", "expected '('", 1, 6),
    ("def f(", "SyntaxError", "'(' was never closed", 1, 6),
    ("x = (", "SyntaxError", "'(' was never closed", 1, 5),
    ("print('hi'\nx = 1", "SyntaxError", "'(' was never closed", 1, 6),
    ("x = [1, 2, 3\nfor y in x:\n    print(y)", "SyntaxError", "'[' was never closed", 1, 5),
    ("class A(:\n  pass", "SyntaxError", "invalid syntax", 1, 9),
    ("x = 1 + \\", "SyntaxError", "unexpected EOF while parsing", 1, 10),
    ("x = 1 + \\ 2", "SyntaxError", "unexpected character after line continuation character", 1, 10),
    ("print \"hi\"", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3),
    ("a = 1 if x", "SyntaxError", "expected 'else' after 'if' expression", 1, 5),
    ("f(x=1, 2)", "SyntaxError", "positional argument follows keyword argument", 1, 9),
    ("f(**k, *a)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8),
    ("f(a for a in b, c)", "SyntaxError", "Generator expression must be parenthesized", 1, 3),
    ("f(a.b=1)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
    ("def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12),
    ("def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7),
    ("def f(/, a): pass", "SyntaxError", "at least one argument must precede /", 1, 7),
    ("def f(a, /, /): pass", "SyntaxError", "/ may appear only once", 1, 13),
    ("def f(*, a, /): pass", "SyntaxError", "/ must be ahead of *", 1, 13),
    ("def f(a=1, /, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 15),
    ("def f(**k, a): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12),
    ("def f(a, a): pass", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10),
    ("a, *b, *c = d", "SyntaxError", "multiple starred expressions in assignment", 1, 1),
    ("*a = b", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1),
    ("nonlocal x", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1),
    // The symbol table's errors (crate::symbols), recorded with `compile` in python3.11.
    ("def f():\n    print(x)\n    global x", "SyntaxError", "name 'x' is used prior to global declaration", 3, 5),
    ("def f():\n    x = 1\n    global x", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 5),
    ("def f():\n    x += 1\n    global x", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 5),
    ("def f():\n    del x\n    global x", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 5),
    (
        "def f():\n    print([x for x in y])\n    global x, y",
        "SyntaxError",
        "name 'y' is used prior to global declaration",
        3,
        5,
    ),
    ("def f():\n    x: int = 1\n    global x", "SyntaxError", "annotated name 'x' can't be global", 3, 5),
    ("x = 1\nglobal x", "SyntaxError", "name 'x' is assigned to before global declaration", 2, 1),
    (
        "def f():\n    def g():\n        nonlocal y\n        y = 2",
        "SyntaxError",
        "no binding for nonlocal 'y' found",
        3,
        9,
    ),
    (
        "def f():\n    y = 1\n    def g():\n        print(y)\n        nonlocal y",
        "SyntaxError",
        "name 'y' is used prior to nonlocal declaration",
        5,
        9,
    ),
    (
        "def f():\n    q = 1\n    class C:\n        nonlocal q\n        q = 2\n        nonlocal r",
        "SyntaxError",
        "no binding for nonlocal 'r' found",
        6,
        9,
    ),
    ("class C:\n    nonlocal x", "SyntaxError", "no binding for nonlocal 'x' found", 2, 5),
    (
        "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x",
        "SyntaxError",
        "name 'x' is nonlocal and global",
        4,
        9,
    ),
    (
        "def f():\n    for i in x:\n        try:\n            import y\n        except E as e:\n            global e",
        "SyntaxError",
        "name 'e' is assigned to before global declaration",
        6,
        13,
    ),
    (
        "return 1\ndef f():\n    x = 1\n    global x",
        "SyntaxError",
        "name 'x' is assigned to before global declaration",
        4,
        5,
    ),
    (
        "nonlocal x\ndef f():\n    x = 1\n    global x",
        "SyntaxError",
        "name 'x' is assigned to before global declaration",
        4,
        5,
    ),
    ("def f():\n    from a import *", "SyntaxError", "import * only allowed at module level", 2, 19),
    (
        "def f(x):\n    match x:\n        case y:\n            pass\n    global y",
        "SyntaxError",
        "name 'y' is assigned to before global declaration",
        5,
        5,
    ),
    // A header's missing `:`, an f-string's brackets, the comma a list lacks (python3.11).
    (
        "match x:\n    case {\"a\": 1, \"a\": 2}: pass",
        "SyntaxError",
        "mapping pattern checks duplicate key ('a')",
        2,
        10,
    ),
    ("print(f\"{d[\"a\"]}\")", "SyntaxError", "f-string: unmatched '['", 1, 13),
    ("print(f\"{a)}\")", "SyntaxError", "f-string: unmatched ')'", 1, 14),
    (
        "print(f\"{a(]}\")",
        "SyntaxError",
        "f-string: closing parenthesis ']' does not match opening parenthesis '('",
        1,
        15,
    ),
    ("print(f\"{'a}\")", "SyntaxError", "f-string: unterminated string", 1, 14),
    ("print(f\"{a]}\")", "SyntaxError", "f-string: unmatched ']'", 1, 14),
    ("x = [1 a.b]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("x = [asyncio.sleep(1) asyncio.sleep(2)]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("for i in range(3) print(i)", "SyntaxError", "invalid syntax", 1, 19),
    ("class A pass", "SyntaxError", "invalid syntax", 1, 9),
    ("try print(1)", "SyntaxError", "expected ':'", 1, 5),
    ("try:\n  pass\nexcept E print(1)", "SyntaxError", "invalid syntax", 3, 10),
    ("if 1:\n    pass\nelse if 2:\n    pass", "SyntaxError", "expected ':'", 3, 6),
    ("def f() return 1", "SyntaxError", "expected ':'", 1, 9),
    ("for i in range(3)\n    print(i)", "SyntaxError", "expected ':'", 1, 18),
    ("def g():\n  async for x in y: pass", "SyntaxError", "'async for' outside async function", 2, 3),
    ("def g():\n  async with y: pass", "SyntaxError", "'async with' outside async function", 2, 3),
    ("try:\n  pass", "SyntaxError", "expected 'except' or 'finally' block", 2, 7),
    ("try:\n  pass\nx = 1", "SyntaxError", "expected 'except' or 'finally' block", 3, 1),
    ("try:\n  pass\nexcept A, B:\n  pass", "SyntaxError", "multiple exception types must be parenthesized", 3, 8),
    ("if x:\n  pass\n  else:\n    pass", "SyntaxError", "invalid syntax", 3, 3),
    (
        "x = 0123",
        "SyntaxError",
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        1,
        5,
    ),
    ("x = 1_", "SyntaxError", "invalid decimal literal", 1, 6),
    ("x = 1abc", "SyntaxError", "invalid decimal literal", 1, 5),
    ("x = 0x", "SyntaxError", "invalid hexadecimal literal", 1, 6),
    (
        "x = \"\\x4\"",
        "SyntaxError",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
        1,
        10,
    ),
    ("f\"{}\"", "SyntaxError", "f-string: empty expression not allowed", 1, 6),
    ("f\"{x\"", "SyntaxError", "f-string: expecting '}'", 1, 6),
    ("f\"}\"", "SyntaxError", "f-string: single '}' is not allowed", 1, 5),
    ("f\"{x!z}\"", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 9),
    ("f\"{x#}\"", "SyntaxError", "f-string expression part cannot include '#'", 1, 8),
    ("f\"{x:{y:{z}}}\"", "SyntaxError", "f-string: expressions nested too deeply", 1, 15),
    ("f(x)(y): int = 1", "SyntaxError", "illegal target for annotation", 1, 1),
    ("x: int, y: int = 1, 2", "SyntaxError", "invalid syntax", 1, 7),
    ("a = 1; ; b = 2", "SyntaxError", "invalid syntax", 1, 8),
    ("def f():\n    return\n  x = 1", "IndentationError", "unindent does not match any outer indentation level", 3, 8),
    ("if True:\n\tx = 1\n        print(1)", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("if True:\n        x = 1\n\tprint(1)", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("if True:\n    if 1:\n\tprint(1)", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("x = {'a': 1, 'b' 2}", "SyntaxError", "':' expected after dictionary key", 1, 16),
    ("x = {'a': 1, 'b': }", "SyntaxError", "expression expected after dictionary key and ':'", 1, 17),
    ("async def main():\n    await asyncio.sleep(1\n    print(\"x\")", "SyntaxError", "'(' was never closed", 2, 24),
    ("print(f\"{x}}\")", "SyntaxError", "f-string: single '}' is not allowed", 1, 14),
    ("print('it's')", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 12),
    ("f(**a, b)", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9),
    ("async with x:\n    pass", "SyntaxError", "'async with' outside async function", 1, 1),
    ("x = [i for i in]\n", "SyntaxError", "invalid syntax", 1, 16),
    ("async def f():\n    yield from [1, 2]", "SyntaxError", "'yield from' inside async function", 2, 5),
    ("async def f():\n    yield 1\n    return 5", "SyntaxError", "'return' with value in async generator", 3, 5),
    (
        "async def f():\n    if True:\n        return 5\n    yield 1",
        "SyntaxError",
        "'return' with value in async generator",
        3,
        9,
    ),
    // A block with only a comment at the end of the file: reported at the last line read.
    (
        "for i in range(3):\n    # c\n",
        "IndentationError",
        "expected an indented block after 'for' statement on line 1",
        2,
        8,
    ),
    (
        "for i in range(3):\n\n\n",
        "IndentationError",
        "expected an indented block after 'for' statement on line 1",
        3,
        1,
    ),
    ("x = 100ms", "SyntaxError", "invalid decimal literal", 1, 7),
    ("x = 1e+", "SyntaxError", "invalid decimal literal", 1, 7),
    ("x = 5j_", "SyntaxError", "invalid imaginary literal", 1, 6),
    ("d = {'a': }", "SyntaxError", "expression expected after dictionary key and ':'", 1, 9),
];

#[test]
fn errors_match_cpython_messages_and_places() {
    roomy(|| {
        for &(src, typ, msg, line, col) in CPYTHON {
            let e = fail(src);
            assert_eq!((e.type_name(), e.message.as_str(), e.line, e.col), (typ, msg, line, col), "{src:?}");
        }
    });
}

/// Where CPython 3.11's carets end (`end_offset`, recorded with `compile` in python3.11) for
/// the errors that mark a whole construct, not a point.
#[test]
fn carets_span_the_construct_as_cpythons_do() {
    let cases = [
        ("return 5", 9),
        ("x = await f()", 14),
        ("f() = 3", 4),
        ("a = f() = 3", 8),
        ("print \"hi\"", 11),
        ("print \"a\", 1 + 2  # c", 17),
        ("del f()", 8),
        ("1 = x", 2),
        ("break", 6),
        ("continue", 9),
        ("nonlocal x, y", 14),
        ("def f():\n    print([x for x in y])\n    global x, y", 16),
        ("def f():\n    def g():\n        nonlocal y\n        y = 2", 19),
        ("print(f\"{d[\"a\"]}\")", 14),
        ("print(f\"{a)}\")", 15),
        ("print(f\"{a(]}\")", 16),
        ("print(f\"{'a}\")", 15),
        ("print(f\"{a]}\")", 15),
        ("x = [1 a.b]", 11),
        ("x = [asyncio.sleep(1) asyncio.sleep(2)]", 39),
        ("for i in range(3) print(i)", 24),
        ("class A pass", 13),
        ("try print(1)", 10),
        ("try:\n  pass\nexcept E print(1)", 15),
        ("if 1:\n    pass\nelse if 2:\n    pass", 8),
        ("def f() return 1", 15),
        ("for i in range(3)\n    print(i)", 18),
        ("yield 5", 8),
        ("x = (yield)", 11),
        ("f(a for a in b, c)", 15),
        ("print(x for x in range(3), 1)", 26),
        ("f(1, x for x in y)", 18),
        ("try:\n  pass\nexcept A, B:\n  pass", 12),
        ("for x in y:\n    pass\nelse:\n    continue", 13),
        ("def f():\n  try:\n    pass\n  except* E:\n    return", 11),
        ("if x = f(a) + 1:\n    pass", 16),
        ("while x = q.get():\n    pass", 18),
        ("if x = 5:\n  pass", 9),
        ("async def f(q):\n    while x = await q.get():\n        pass", 28),
        ("f(a=1, a=2)", 11),
        ("print(x, end=\"\", end=\"\\n\")", 26),
        ("def f():\n  try:\n    pass\n  except* E:\n    return x + 1", 17),
        ("def f():\n  try:\n    pass\n  except* E:\n    return 1", 13),
        ("x = 0_01", 8),
        ("x = 0100", 6),
    ];
    for (src, end) in cases {
        assert_eq!(fail(src).end_col, end, "{src:?}");
    }
}

#[test]
fn carets_span_what_cpython_underlines() {
    // (source, message, column, end column), each from CPython 3.11's `compile`.
    let maybe = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
    let walrus_iter = "assignment expression cannot be used in a comprehension iterable expression";
    let cases = [
        ("liste = [x = 1, 2]", maybe, 10, 15),
        ("d = {x = 1}", maybe, 6, 11),
        ("x = a[i = 1]", maybe, 7, 12),
        ("while (x = 1):\n  pass", maybe, 8, 13),
        ("x = [f() = 1]", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 6, 9),
        ("if a + 1 = 2:\n pass", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 4, 9),
        ("if x = 1 = 2:\n pass", "invalid syntax", 6, 7),
        ("x = [True = 1]", "invalid syntax", 11, 12),
        ("print(x + 1 = 2)", "expression cannot contain assignment, perhaps you meant \"==\"?", 7, 14),
        ("print(True = 2)", "cannot assign to True", 7, 13),
        ("f(x=1 y=2)", "invalid syntax. Perhaps you forgot a comma?", 5, 8),
        ("def f(a=1, yas: int):\n  pass", "non-default argument follows default argument", 12, 20),
        ("def f(a, a: int = 3): pass", "duplicate argument 'a' in function definition", 10, 16),
        ("def f(a, *a): pass", "duplicate argument 'a' in function definition", 11, 12),
        ("def g():\n    async with x: pass", "'async with' outside async function", 5, 23),
        ("def g():\n    async for x in y:\n        pass", "'async for' outside async function", 5, 22),
        ("for \"ad\" in [1]: pass", "cannot assign to literal", 5, 9),
        ("x, 3 = 1, 2", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 4, 5),
        ("print([*a for a in b])", "iterable unpacking cannot be used in comprehension", 8, 10),
        ("print(*s for s in t)", "iterable unpacking cannot be used in comprehension", 7, 9),
        ("x = {*a for a in b}", "iterable unpacking cannot be used in comprehension", 6, 8),
        ("x = {**d for d in x}", "dict unpacking cannot be used in dict comprehension", 6, 8),
        ("x = 0b102", "invalid digit '2' in binary literal", 9, 9),
        ("x = 0o8", "invalid digit '8' in octal literal", 7, 7),
        ("a, b + 1 = 1, 2", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 4, 9),
        ("(x, 3) = 1, 2", "cannot assign to literal", 5, 6),
        ("x, None = 1, 2", "cannot assign to None", 4, 8),
        ("[x, \"ab\"] = 1, 2", "cannot assign to literal", 5, 9),
        ("f() += 1", "'function call' is an illegal expression for augmented assignment", 1, 4),
        ("*a, *b = 1, 2", "multiple starred expressions in assignment", 1, 7),
        ("x = *[1, 2]", "can't use starred expression here", 5, 12),
        ("def f(x):\n    global x", "name 'x' is parameter and global", 5, 13),
        ("[x for x in (y := [1, 2])]", walrus_iter, 14, 25),
        ("[x for x in range(3) for z in (w := [1])]", walrus_iter, 32, 40),
        ("[x for x in (lambda: (y := 1))()]", walrus_iter, 23, 29),
        // `x = <not a plain operand> = …`: CPython reads `x = a` as a condition only when the
        // target starts with one; a target in parentheses is underlined inside them.
        ("x = lambda: 1 = 2", "cannot assign to lambda", 5, 14),
        ("f = lambda x: y = x", "cannot assign to lambda", 5, 16),
        ("x = not a = 2", "cannot assign to expression", 5, 10),
        ("x = a and b = 2", maybe, 1, 6),
        ("x = a < b = 2", maybe, 1, 6),
        ("(1) = 2", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 2, 3),
        ("(lambda: 1) = 2", "cannot assign to lambda here. Maybe you meant '==' instead of '='?", 2, 11),
        ("x = (lambda: 1) = 2", "cannot assign to lambda", 6, 15),
        ("if (x) = 1:\n  pass", "cannot assign to name here. Maybe you meant '==' instead of '='?", 5, 6),
        ("while (a) = b:\n  pass", "cannot assign to name here. Maybe you meant '==' instead of '='?", 8, 9),
        ("[(x) = 1]", "cannot assign to name here. Maybe you meant '==' instead of '='?", 3, 4),
        (
            "if (x := 1) = 2:\n pass",
            "cannot assign to named expression here. Maybe you meant '==' instead of '='?",
            5,
            11,
        ),
        // A `try`'s handlers, a display that wants a comprehension, an `if` with no `else`.
        ("try:\n    pass\nexcept: pass\nexcept ValueError:\n    pass", "default 'except:' must be last", 1, 13),
        ("try:\n    pass\nelse:\n    pass", "expected 'except' or 'finally' block", 1, 5),
        ("try:\n    pass\nsonuc = 1", "expected 'except' or 'finally' block", 1, 6),
        ("[a, b for a, b in c]", "did you forget parentheses around the comprehension target?", 2, 6),
        ("{k, v for k, v in c}", "did you forget parentheses around the comprehension target?", 2, 6),
        ("x = (1 if 2 )", "expected 'else' after 'if' expression", 6, 12),
        // A pattern's names, as CPython's compiler checks them.
        ("match p:\n    case [x, x]: pass", "multiple assignments to name 'x' in pattern", 14, 15),
        ("match p:\n    case 1 | x: pass", "alternative patterns bind different names", 14, 15),
        ("match p:\n    case x | y: pass", "name capture 'x' makes remaining patterns unreachable", 10, 11),
        ("match p:\n    case (ab, cd) | [ab]: pass", "alternative patterns bind different names", 22, 24),
        ("match p:\n    case [a, b] | (b, 2): pass", "alternative patterns bind different names", 23, 24),
        (
            "match p:\n    case BIR: pass\n    case 2: pass",
            "name capture 'BIR' makes remaining patterns unreachable",
            10,
            13,
        ),
        ("match p:\n    case _ | 1: pass", "wildcard makes remaining patterns unreachable", 10, 11),
        ("match p:\n    case {**rest, \"a\": 1}: pass", "invalid syntax", 19, 22),
        ("match p:\n    case {\"a\": 1, **_}: pass", "invalid syntax", 21, 22),
        ("match p:\n    case [a, *a]: pass", "multiple assignments to name 'a' in pattern", 14, 16),
        ("match p:\n    case Point(x=a, y=a): pass", "multiple assignments to name 'a' in pattern", 23, 24),
        // An f-string's error underlines the token after the string.
        ("print(f\"{d[\"isim\"]}\")", "f-string: unmatched '['", 13, 17),
        ("x = f\"{chr(10)!}\" and 2", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 19, 22),
        ("y = f\"{!r}\" if True else 0", "f-string: expression required before '!'", 13, 15),
        ("z = f\"{:x}\" or w", "f-string: expression required before ':'", 13, 15),
    ];
    for (src, message, col, end) in cases {
        let e = fail(src);
        assert_eq!((e.message.as_str(), e.col, e.end_col), (message, col, end), "{src:?}");
    }
}

#[test]
fn the_compilers_carets_count_bytes_as_cpythons_do() {
    // CPython's compiler gives columns in UTF-8 bytes and its printer reads them as
    // characters: on a line with `ç` before the error, the carets stand one further right.
    let e = fail("async def f(): pass\nç = [await f() for i in range(3)]");
    assert!(e.compiled);
    assert_eq!(e.caret("ç = [await f() for i in range(3)]", 0), (5, 29));
    let e = fail("def f():\n    ğğ = 1; return await g()");
    assert_eq!(e.caret("ğğ = 1; return await g()", 4), (17, 9), "indentation is ASCII");
    let e = fail("if ölçü > 3\n  pass");
    assert!(!e.compiled, "the parser's columns are characters");
    assert_eq!(e.caret("if ölçü > 3", 0), (11, 1));
}

#[test]
fn an_unclosed_paren_names_the_line_it_opened_on() {
    roomy(|| {
        let e = fail("x = 1\nprint(foo(1,\n   2)\ny = 3\n");
        assert_eq!((e.message.as_str(), e.line, e.col), ("'(' was never closed", 2, 6));
    });
}

#[test]
fn compile_time_errors_wait_for_a_clean_parse() {
    roomy(|| {
        let e = fail("return 1\nx = (");
        assert_eq!(e.message, "'(' was never closed");
        let e = fail("async def f():\n    await g()\n    return [await x for x in y]\ndef h():\n    await z\n");
        assert_eq!((e.message.as_str(), e.line, e.col), ("'await' outside async function", 5, 5));
    });
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // The deepest inputs need under 512 KB optimised (the browser's stack is 1 MB) and
    // under 2 MB unoptimised; the thread also holds the trace ring's thread-local storage.
    std::thread::Builder::new()
        .stack_size(STACK_FOR_DEPTH_TEST)
        .spawn(|| {
            let ok = format!("x = {}1{}", "(".repeat(90), ")".repeat(90));
            assert!(parse(&ok).is_ok());
            let cases = [
                format!("x = {}1{}", "(".repeat(150), ")".repeat(150)),
                format!("x = {}1", "-".repeat(100_000)),
                format!("x = {}1", "not ".repeat(10_000)),
                format!("x = {}1", "await ".repeat(10_000)),
                format!("x = {}1", "lambda: ".repeat(10_000)),
                format!("x = {}", "f'{".repeat(1000)),
                (0..150).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>(),
                format!("x = {}", "[-".repeat(150)),
            ];
            for src in cases {
                let e = parse(&src).unwrap_err();
                assert_eq!(e.kind, ErrorKind::Syntax, "{}", src.chars().take(40).collect::<String>());
            }
            let e = parse(&format!("x = {}", "(".repeat(300))).unwrap_err();
            assert_eq!(e.message, "too many nested parentheses");
        })
        .unwrap()
        .join()
        .unwrap();
}

const STACK_FOR_DEPTH_TEST: usize = 6 << 20;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: [&str; 5] = [
    "async def main():\n    x = [i async for i in f(a, *b, k=1)]\n    await asyncio.sleep(0.1)\n    return x\n",
    "class A(B):\n    def m(self, a=1, *r, k, **kw):\n        try:\n            del self.x[1:2]\n        except (E, F) as e:\n            raise G from e\n",
    "x = f'{a!r:>{w}} {b=} {{c}}' 'd' + r'\\n' + \"\"\"t\n\"\"\"\nwith open(p) as f, g: pass\n",
    "for i, (a, *b) in enumerate(xs):\n    if not a or b and c is not None: continue\n    elif a in b: break\nelse:\n    pass\n",
    "y = lambda a, b=2: (a if b else -a ** ~b) // 3 @ m | n ^ o & p << 2\nz = {k: v for k, v in d.items() if k}\n",
];

const PIECES: [&str; 28] = [
    "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "'", "\"", "f'{", "}", "\\", "=", ",", "*", "async ", "await ",
    "lambda ", "yield ", "if ", "else ", "#", "\t", ";", ".", "ş",
];

#[test]
fn random_bytes_and_mutated_programs_never_panic() {
    roomy(|| {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let alphabet = b"abcxyz019_ .,:;()[]{}'\"\\#@=+-*/%<>!&|^~\n\t\r fFrRbB";
        for _ in 0..3000 {
            let len = rng.below(60);
            let bytes: Vec<u8> = (0..len)
                .map(|_| if rng.below(4) == 0 { rng.next() as u8 } else { alphabet[rng.below(alphabet.len())] })
                .collect();
            let _ = parse(&String::from_utf8_lossy(&bytes));
        }
        for round in 0..3000 {
            let mut s: Vec<char> = SEEDS[round % SEEDS.len()].chars().collect();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(s.len() + 1);
                match rng.below(3) {
                    0 => {
                        let end = (at + rng.below(6)).min(s.len());
                        s.drain(at..end);
                    }
                    1 => s.splice(at..at, PIECES[rng.below(PIECES.len())].chars()).for_each(drop),
                    _ => {
                        let from = rng.below(s.len());
                        let chunk: Vec<char> = s.iter().skip(from).take(rng.below(12)).copied().collect();
                        s.splice(at..at, chunk).for_each(drop);
                    }
                }
            }
            let src: String = s.into_iter().collect();
            if let Err(e) = parse(&src) {
                assert!(e.line >= 1 && e.col >= 1, "{src:?}: {e:?}");
            }
        }
    });
}
