//! Scopes: which names a function keeps as locals, and the slots that hold them.

use super::*;
pub use loopscope_syntax::symbols::collect_locals;
pub(super) use loopscope_syntax::symbols::target_names;
use loopscope_syntax::symbols::{add_name, def_exprs, expr_children, imported_name, pattern_names, stmt_exprs};

/// Which names a function (or class body, or comprehension) keeps as its own.
#[derive(Default, Debug)]
pub struct ScopeInfo {
    /// Local names, in slot order (parameters first).
    pub locals: Vec<Name>,
    /// Names declared `global`.
    pub globals: Vec<Name>,
    /// The module's scope: every name is global.
    pub is_module: bool,
    /// A class body: functions defined in it do not see its names.
    pub is_class: bool,
    /// A comprehension's own scope: what is defined in it is named as in the scope around it.
    pub is_comp: bool,
    /// By slot: a scope nested in it mentions the name, so it may be read once the frame has
    /// ended (CPython's cells); the others are freed as the frame ends (see `cycles`).
    pub cells: Vec<bool>,
    /// The slots in the order CPython frees a frame's locals: its parameters, its other
    /// locals, then its other cells by name (`co_cellvars` is sorted). Empty: slot order.
    pub order: Vec<usize>,
}

impl ScopeInfo {
    /// The slots (of `all`, or only those no nested scope reads) in the order they are freed.
    pub(super) fn freed(&self, all: bool) -> impl Iterator<Item = usize> + '_ {
        let order = (0..self.locals.len()).map(|k| self.order.get(k).copied().unwrap_or(k));
        order.filter(move |&i| all || !self.cells.get(i).copied().unwrap_or(true))
    }
}

impl ScopeInfo {
    pub(super) fn slot(&self, name: Name) -> Option<usize> {
        self.locals.iter().position(|&n| n == name)
    }
}

/// One execution of a function (or a class body, a comprehension, the module).
pub struct Scope {
    /// Its local variables by slot (`None`: not yet assigned).
    pub slots: RefCell<Vec<Option<Value>>>,
    /// Which names are local.
    pub info: Rc<ScopeInfo>,
    /// The scope it was defined in (for free variables).
    pub parent: Option<Rc<Scope>>,
    /// Its name in tracebacks (`<module>`, the function's name).
    pub name: Rc<str>,
    /// Its function's `__qualname__` (`main.<locals>.worker`), which a function defined in
    /// it starts its own with.
    pub qualname: Rc<str>,
    /// The line it is running now.
    pub line: Cell<u32>,
    /// The class a method was defined in (for `super()`).
    pub class: Option<Rc<Class>>,
    /// Its frame has run to its end: once only cycles hold it, it is freed (see `cycles`).
    pub ended: Cell<bool>,
    /// How many exceptions' tracebacks hold it (`Instance::frames`): while any does, its frame
    /// keeps all its locals when it ends, as CPython's frame does.
    pub tracebacks: Cell<u32>,
}

impl Drop for Scope {
    /// A scope inside a finished one (a task's frame that outlived its creator's) may have
    /// been the last thing to hold it but cycles. Its values go one at a time, in CPython's
    /// order, not inside this drop: a chain of closures 100,000 long is freed without deep
    /// recursion.
    fn drop(&mut self) {
        if let Some(parent) = self.parent.take() {
            super::cycles::free_if_unreachable(&parent, 1);
        }
        if let Some(values) = self.take_values(true) {
            super::cycles::drop_in_order(values);
        }
    }
}

impl Scope {
    /// Takes its values out (`all`, or only those no nested scope reads), in the order CPython
    /// frees a frame's locals; `None` while its slots are in use.
    pub fn take_values(&self, all: bool) -> Option<Vec<Value>> {
        let mut slots = self.slots.try_borrow_mut().ok()?;
        if slots.len() != self.info.locals.len() {
            return Some(Vec::new()); // emptied already
        }
        Some(self.info.freed(all).filter_map(|i| slots[i].take()).collect())
    }

    /// A scope for `info`, inside `parent`.
    pub fn new(info: Rc<ScopeInfo>, parent: Option<Rc<Scope>>, name: Rc<str>, class: Option<Rc<Class>>) -> Rc<Scope> {
        let qualname = Rc::clone(&name);
        Scope::of(info, parent, name, qualname, class)
    }

    /// A function's scope: `name` in tracebacks, `qualname` for what it defines.
    pub fn of(
        info: Rc<ScopeInfo>,
        parent: Option<Rc<Scope>>,
        name: Rc<str>,
        qualname: Rc<str>,
        class: Option<Rc<Class>>,
    ) -> Rc<Scope> {
        let slots = vec![None; info.locals.len()];
        Rc::new(Scope {
            slots: RefCell::new(slots),
            info,
            parent,
            name,
            qualname,
            line: Cell::new(0),
            class,
            ended: Cell::new(false),
            tracebacks: Cell::new(0),
        })
    }

    /// The `__qualname__` of a function or class named `name` defined in it, as CPython makes
    /// it: `name` in the module, `Class.name` in a class body, `outer.<locals>.name` in a
    /// function (in a comprehension, as in the scope around it: CPython would add
    /// `<listcomp>`).
    pub fn qualname_of(&self, name: Rc<str>) -> Rc<str> {
        match (&self.parent, &self.info) {
            (Some(parent), info) if info.is_comp => parent.qualname_of(name),
            (_, info) if info.is_module => name,
            (_, info) if info.is_class => format!("{}.{name}", self.qualname).into(),
            _ => format!("{}.<locals>.{name}", self.qualname).into(),
        }
    }
}

/// Which names a function keeps as locals: its parameters and every name it assigns, less
/// those declared `global` or `nonlocal`.
pub(super) fn scope_info(def: &FuncDef) -> ScopeInfo {
    let p = &def.params;
    let mut locals: Vec<Name> = p.args.iter().map(|a| a.name).collect();
    locals.extend(p.vararg);
    locals.extend(p.kwonly.iter().map(|a| a.name));
    locals.extend(p.kwarg);
    let (mut globals, mut nonlocals) = (Vec::new(), Vec::new());
    collect_locals(&def.body, &mut locals, &mut globals, &mut nonlocals);
    locals.retain(|n| !globals.contains(n) && !nonlocals.contains(n));
    let nested = nested_names(def);
    let cells: Vec<bool> = locals.iter().map(|n| nested.contains(n)).collect();
    let params = p.args.len() + p.kwonly.len() + usize::from(p.vararg.is_some()) + usize::from(p.kwarg.is_some());
    let mut order: Vec<usize> = (0..locals.len()).filter(|&i| i < params || !cells[i]).collect();
    // The other cells by name, placed one by one (they are few; std's sort would add 4 KB).
    let mut late: Vec<usize> = Vec::new();
    for i in (params..locals.len()).filter(|&i| cells[i]) {
        let at = late.iter().position(|&j| text(locals[j]) > text(locals[i])).unwrap_or(late.len());
        late.insert(at, i);
    }
    order.extend(late);
    ScopeInfo { locals, globals, cells, order, ..ScopeInfo::default() }
}

/// The names that scopes nested in a function's body mention (its functions, lambdas, classes
/// and comprehensions): the locals of its that may be read once its frame has ended, as
/// CPython's cells are. More is safe (a local kept longer); fewer is not.
pub(super) fn nested_names(def: &FuncDef) -> Vec<Name> {
    let mut out = Vec::new();
    stmts_names(&def.body, false, &mut out);
    out
}

fn stmts_names(block: &[Stmt], nested: bool, out: &mut Vec<Name>) {
    for s in block {
        stmt_names(s, nested, out);
    }
}

/// [`nested_names`] of one statement: its expressions, the names it binds (when `nested`),
/// and its blocks (a class's body and a function's are nested scopes).
fn stmt_names(s: &Stmt, nested: bool, out: &mut Vec<Name>) {
    stmt_exprs(s, &mut |x| expr_names(x, nested, out));
    let mut bind = |n: Name| {
        if nested {
            add_name(n, out);
        }
    };
    match &s.kind {
        StmtKind::FunctionDef(def) => bind(def.bound),
        StmtKind::ClassDef { name, .. } => bind(*name),
        StmtKind::Try { handlers, .. } => handlers.iter().filter_map(|h| h.name).for_each(&mut bind),
        StmtKind::Global(names) | StmtKind::Nonlocal(names) => names.iter().copied().for_each(&mut bind),
        StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
            aliases.iter().for_each(|a| bind(imported_name(a)));
        }
        _ => {}
    }
    match &s.kind {
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => {
            stmts_names(body, nested, out);
            stmts_names(orelse, nested, out);
        }
        StmtKind::FunctionDef(def) => stmts_names(&def.body, true, out),
        StmtKind::ClassDef { body, .. } => stmts_names(body, true, out),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            stmts_names(body, nested, out);
            handlers.iter().for_each(|h| stmts_names(&h.body, nested, out));
            stmts_names(orelse, nested, out);
            stmts_names(finalbody, nested, out);
        }
        StmtKind::With { body, .. } => stmts_names(body, nested, out),
        StmtKind::Match { cases, .. } => {
            for c in cases {
                if nested {
                    let mut bound = Vec::new();
                    pattern_names(&c.pattern, &mut bound);
                    bound.extend(c.name);
                    bound.into_iter().for_each(|n| add_name(n, out));
                }
                stmts_names(&c.body, nested, out);
            }
        }
        _ => {}
    }
}

fn expr_names(x: &Expr, nested: bool, out: &mut Vec<Name>) {
    match &x.kind {
        ExprKind::Name(n) | ExprKind::NamedExpr(n, _) if nested => add_name(*n, out),
        ExprKind::Lambda(def) => {
            def_exprs(def, &mut |v| expr_names(v, nested, out));
            return stmts_names(&def.body, true, out);
        }
        _ => {}
    }
    expr_children(x, &mut |v, comp| expr_names(v, nested || comp, out));
}
