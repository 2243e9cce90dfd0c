//! The syntax tree of Loopscope's Python: what the parser makes and the evaluator walks.
//!
//! Every statement and expression carries its line (1-based) and column (1-based, in
//! characters), so a traceback, a syntax error and the editor's current-line highlight can
//! point at the source. Names are interned symbols ([`Name`]): a variable lookup compares
//! numbers, not strings.

use std::rc::Rc;

/// An interned identifier (see [`intern`] and [`name_text`]).
pub type Name = u32;

/// A map keyed by names (globals, built-ins, a module's attributes), hashed by one multiply:
/// names are small distinct numbers, and std's SipHash, which guards against chosen keys,
/// cost every global lookup of a script tens of ns.
pub type NameMap<V> = std::collections::HashMap<Name, V, std::hash::BuildHasherDefault<NameHasher>>;

/// The hasher of [`NameMap`] (Fibonacci hashing of the name's number).
#[derive(Default)]
pub struct NameHasher(u64);

impl std::hash::Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A statement with its place in the source.
#[derive(Debug, Clone)]
pub struct Stmt {
    /// 1-based line of the statement's first token.
    pub line: u32,
    /// What the statement is.
    pub kind: StmtKind,
}

/// A block: the statements of a body, in order.
pub type Block = Vec<Stmt>;

/// The statements (each variant's doc says what its fields hold).
#[allow(missing_docs)]
#[derive(Debug, Clone)]
pub enum StmtKind {
    /// An expression evaluated for its effect (a call, an await).
    Expr(Expr),
    /// `a = b = value`: every target gets the value, left to right. Targets are names,
    /// attributes, subscripts, or tuples/lists of targets (unpacking, with at most one starred).
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`.
    AugAssign { target: Expr, op: BinOp, value: Expr },
    /// `target: annotation = value`; without a value it assigns nothing. The annotation is
    /// evaluated only where CPython keeps it for the program to read: a class body's names
    /// (`__annotations__`, which `dataclasses` reads).
    /// `annotation_end`: the line and column just after the annotation, so that its text can
    /// be kept (`from __future__ import annotations`).
    AnnAssign { target: Expr, annotation: Expr, annotation_end: (u32, u32), value: Option<Expr> },
    /// `if test: body elif …: … else: orelse` (an `elif` is an `If` alone in `orelse`).
    If { test: Expr, body: Block, orelse: Block },
    /// `while test: body else: orelse`.
    While { test: Expr, body: Block, orelse: Block },
    /// `for target in iter: body else: orelse`; `async for` sets `is_async`.
    For { target: Expr, iter: Expr, body: Block, orelse: Block, is_async: bool },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `pass`.
    Pass,
    /// `return` or `return value`.
    Return(Option<Expr>),
    /// `def` or `async def`, with its decorators.
    FunctionDef(Rc<FuncDef>),
    /// `class Name(Base): body`.
    /// `line`: the line of `class` itself, after any decorators (the statement's is the first's).
    ClassDef { name: Name, bases: Vec<Expr>, body: Block, decorators: Vec<Expr>, line: u32 },
    /// `try: body except …: … else: orelse finally: finalbody`.
    Try { body: Block, handlers: Vec<Handler>, orelse: Block, finalbody: Block },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise { exc: Option<Expr>, cause: Option<Expr> },
    /// `global a, b`.
    Global(Vec<Name>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Name>),
    /// `assert test, msg`.
    Assert { test: Expr, msg: Option<Expr> },
    /// `del a, b[0], c.x`.
    Del(Vec<Expr>),
    /// `import a, b as c` (dotted names are kept whole: `import a.b` is module "a.b").
    Import(Vec<Alias>),
    /// `from module import a, b as c` (`*` is one alias named "*").
    ImportFrom { module: String, names: Vec<Alias> },
    /// `with a as x, b: body`; `async with` sets `is_async`.
    With { items: Vec<WithItem>, body: Block, is_async: bool },
    /// `match subject:` and its `case` clauses, tried in order.
    Match { subject: Expr, cases: Vec<MatchCase> },
}

/// One `case pattern [as name] [if guard]:` of a `match`. The pattern is kept in the form of
/// the expression it reads as (`Point(x=0, y=y)`, `[first, *rest]`, `{"type": kind}`, `1 | 2`,
/// `Color.RED`), checked to be a pattern by the parser: a name is a capture (`_` matches
/// anything and binds nothing), a dotted name or a literal a value compared with `==` (`None`,
/// `True` and `False` with `is`), a call a class pattern, a list or tuple a sequence pattern,
/// a dict a mapping pattern, `|` alternatives, `name := p` a sub-pattern's `p as name`.
#[derive(Debug, Clone)]
pub struct MatchCase {
    /// Line of the `case` keyword.
    pub line: u32,
    /// The pattern.
    pub pattern: Expr,
    /// `as name`, after the whole pattern.
    pub name: Option<Name>,
    /// `if guard`: tried once the pattern matched and bound its names.
    pub guard: Option<Expr>,
    /// The clause's body.
    pub body: Block,
}

/// One name of an import: `name` or `name as asname`.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The imported name as written (dotted for `import a.b`).
    pub name: String,
    /// The name it is bound to, if `as` was given.
    pub asname: Option<Name>,
    /// 1-based line and column of the name, for `ImportError`'s place.
    pub line: u32,
    /// Column of the name.
    pub col: u32,
}

/// One item of a `with`: `context` or `context as target`.
#[derive(Debug, Clone)]
pub struct WithItem {
    /// The context manager's expression.
    pub context: Expr,
    /// Where `__enter__`'s (`__aenter__`'s) result goes.
    pub target: Option<Expr>,
}

/// `except Type as name: body` (`typ` is `None` for a bare `except:`; a tuple of types is
/// an `ExprKind::Tuple`).
#[derive(Debug, Clone)]
pub struct Handler {
    /// Line of the `except` keyword.
    pub line: u32,
    /// The exception type(s) matched.
    pub typ: Option<Expr>,
    /// The name the exception is bound to.
    pub name: Option<Name>,
    /// The handler's body.
    pub body: Block,
    /// `except*`: it takes the matching part of an exception group.
    pub star: bool,
}

/// A function: `def`, `async def` or `lambda` (whose body is one `Return`).
#[derive(Debug, Clone)]
pub struct FuncDef {
    /// Its name as written (`<lambda>` for a lambda): its `__name__`, and its frames' name.
    pub name: Name,
    /// The name it is bound to: `name`, or inside a class a private one mangled
    /// (`def __check` is stored as `_Account__check`; the function is still `__check`).
    pub bound: Name,
    /// Line of `def` (or of `lambda`).
    pub line: u32,
    /// Its parameters.
    pub params: Params,
    /// Its body.
    pub body: Block,
    /// `async def`: calling it makes a coroutine.
    pub is_async: bool,
    /// Decorator expressions, outermost first.
    pub decorators: Vec<Expr>,
    /// Whether the body contains `yield`: calling it makes a generator.
    pub has_yield: bool,
}

impl FuncDef {
    /// Its first line, as CPython 3.11 counts it (`co_firstlineno`): its first decorator's,
    /// if it has one, which a coroutine's "defined at main.py:N" names.
    pub fn first_line(&self) -> u32 {
        self.decorators.first().map_or(self.line, |d| d.line.min(self.line))
    }
}

/// A block's docstring: a string literal as its first statement.
pub fn docstring(body: &[Stmt]) -> Option<Rc<str>> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr { kind: ExprKind::Const(Const::Str(s)), .. })) => Some(Rc::clone(s)),
        _ => None,
    }
}

/// A function's parameters.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// Positional-or-keyword parameters, with their defaults (evaluated at definition).
    pub args: Vec<Param>,
    /// How many of `args`, from the first, are positional-only (before `/`).
    pub posonly: usize,
    /// `*args`.
    pub vararg: Option<Name>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Name>,
    /// The parameters' annotations, in their order, then the return's (named `return`):
    /// evaluated where the function is defined, its `__annotations__`.
    pub annotations: Vec<(Name, Expr)>,
}

/// One parameter and its default.
#[derive(Debug, Clone)]
pub struct Param {
    /// Its name.
    pub name: Name,
    /// Its default value's expression, if it has one.
    pub default: Option<Expr>,
}

/// An expression with its place in the source.
#[derive(Debug, Clone)]
pub struct Expr {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub col: u32,
    /// Line of its last character (CPython's `end_lineno`): for the carets under a
    /// traceback's line.
    pub end_line: u32,
    /// Column just after its last character (CPython's `end_col_offset` + 1).
    pub end_col: u32,
    /// What it is.
    pub kind: ExprKind,
}

/// The expressions.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `None`, `True`, `False`, a number or a string literal (adjacent literals joined).
    Const(Const),
    /// An f-string: literal text and replacement fields, in order.
    FString(Vec<FPart>),
    /// A variable.
    Name(Name),
    /// `value.attr`.
    Attribute(Box<Expr>, Name),
    /// `value[index]` (a slice index is an `ExprKind::Slice`; `a[1, 2]` a tuple).
    Subscript(Box<Expr>, Box<Expr>),
    /// `lower:upper:step` inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `func(args)`.
    Call(Box<Expr>, Vec<Arg>),
    /// `left op right`.
    BinOp(Box<Expr>, BinOp, Box<Expr>),
    /// `op operand`.
    Unary(UnaryOp, Box<Expr>),
    /// `a and b and c` (`true` for `and`) / `a or b`.
    BoolOp(bool, Vec<Expr>),
    /// `a < b <= c`: the first operand and each (operator, operand) after it.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `body if test else orelse`: (test, body, orelse).
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `lambda params: body`.
    Lambda(Rc<FuncDef>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `{k: v, **d}` (a `None` key is a `**d` entry).
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `[elt for … in … if …]`.
    ListComp(Box<Expr>, Vec<Comprehension>),
    /// `{elt for …}`.
    SetComp(Box<Expr>, Vec<Comprehension>),
    /// `{key: value for …}`.
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    /// `(elt for …)`, also as a call's only argument: `sum(x for x in xs)`: a generator.
    GeneratorExp(Rc<GenExp>),
    /// `await value`.
    Await(Box<Expr>),
    /// `*value` in a list, tuple, set or assignment target.
    Starred(Box<Expr>),
    /// `name := value`.
    NamedExpr(Name, Box<Expr>),
}

/// A generator expression's parts: shared, since the generator it makes runs them later.
#[derive(Debug)]
pub struct GenExp {
    /// What it yields.
    pub elt: Expr,
    /// Its `for` clauses (at least one).
    pub gens: Vec<Comprehension>,
    /// Whether it awaits (past its first iterable, which is evaluated where it is made) or
    /// has an `async for`: it is then an async generator, as in CPython.
    pub is_async: bool,
}

/// One `for target in iter if cond…` of a comprehension.
#[derive(Debug, Clone)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` conditions.
    pub ifs: Vec<Expr>,
    /// `async for` inside the comprehension.
    pub is_async: bool,
}

/// A literal value.
#[derive(Debug, Clone)]
pub enum Const {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal that fits in an `i64` (a bigger one is a syntax-time
    /// "does not support" error).
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal (escapes decoded; adjacent literals joined).
    Str(Rc<str>),
    /// A bytes literal (`b"..."`).
    Bytes(Rc<[u8]>),
    /// `...`.
    Ellipsis,
}

/// A piece of an f-string.
#[derive(Debug, Clone)]
pub enum FPart {
    /// Literal text (`{{` and `}}` already made single).
    Lit(Rc<str>),
    /// `{expr!conv:spec}`; `debug` is the `expr=` text to print before the value (with its
    /// spaces, as written), when `=` was given.
    Field {
        /// The expression.
        expr: Box<Expr>,
        /// `!r`, `!s` or `!a`: `'r'`, `'s'`, `'a'`.
        conv: Option<char>,
        /// The format spec after `:`, itself possibly with nested fields.
        spec: Vec<FPart>,
        /// `Some("x=")` for `{x=}`.
        debug: Option<Rc<str>>,
    },
}

/// An argument of a call.
#[derive(Debug, Clone)]
pub enum Arg {
    /// `value`.
    Pos(Expr),
    /// `*value`.
    Star(Expr),
    /// `name=value`.
    Kw(Name, Expr),
    /// `**value`.
    DoubleStar(Expr),
}

/// Binary operators (also the augmented assignments').
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `@` (parsed; the evaluator says it is not supported)
    MatMul,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `not x`
    Not,
    /// `~x`
    Invert,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

/// A module: its statements.
#[derive(Debug, Clone)]
pub struct Module {
    /// The top-level statements.
    pub body: Block,
    /// CPython's compile-time warnings, by line, in the order its compiler meets them: `is`
    /// with a literal (`name is "bob"`), an assert of a tuple, a literal called or indexed as
    /// if a comma were missing. Each is shown as `SyntaxWarning` before the program runs.
    pub warnings: Vec<(u32, String)>,
}

thread_local! {
    static NAMES: std::cell::RefCell<Interner> = std::cell::RefCell::new(Interner::default());
}

#[derive(Default)]
struct Interner {
    texts: Vec<Rc<str>>,
    ids: std::collections::HashMap<Rc<str>, Name>,
}

/// The symbol for `text`, the same number every time for the same text.
pub fn intern(text: &str) -> Name {
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(&id) = n.ids.get(text) {
            return id;
        }
        let id = n.texts.len() as Name;
        let rc: Rc<str> = Rc::from(text);
        n.texts.push(Rc::clone(&rc));
        n.ids.insert(rc, id);
        id
    })
}

/// The text of a symbol made by [`intern`].
pub fn name_text(name: Name) -> Rc<str> {
    NAMES.with(|n| n.borrow().texts.get(name as usize).cloned().unwrap_or_else(|| Rc::from("?")))
}
