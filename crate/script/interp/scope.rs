//! Scopes: which names a function keeps as locals, and the slots that hold them.

use super::*;

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
}

impl Drop for Scope {
    /// A scope inside a finished one (a task's frame that outlived its creator's) may have
    /// been the last thing to hold it but cycles.
    fn drop(&mut self) {
        if let Some(parent) = self.parent.take() {
            super::cycles::free_if_unreachable(&parent, 1);
        }
    }
}

impl Scope {
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
    ScopeInfo { locals, globals, ..ScopeInfo::default() }
}

/// Collects the names a block binds (into `locals`, once each) and those it declares
/// `global` and `nonlocal`, not looking into nested functions and classes.
pub fn collect_locals(block: &[Stmt], locals: &mut Vec<Name>, globals: &mut Vec<Name>, nonlocals: &mut Vec<Name>) {
    let add = |n: Name, locals: &mut Vec<Name>| {
        if !locals.contains(&n) {
            locals.push(n);
        }
    };
    for stmt in block {
        match &stmt.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, locals)),
            StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => target_names(target, locals),
            StmtKind::For { target, body, orelse, .. } => {
                target_names(target, locals);
                collect_locals(body, locals, globals, nonlocals);
                collect_locals(orelse, locals, globals, nonlocals);
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                collect_locals(body, locals, globals, nonlocals);
                collect_locals(orelse, locals, globals, nonlocals);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                collect_locals(body, locals, globals, nonlocals);
                for h in handlers {
                    if let Some(n) = h.name {
                        add(n, locals);
                    }
                    collect_locals(&h.body, locals, globals, nonlocals);
                }
                collect_locals(orelse, locals, globals, nonlocals);
                collect_locals(finalbody, locals, globals, nonlocals);
            }
            StmtKind::With { items, body, .. } => {
                for i in items {
                    if let Some(t) = &i.target {
                        target_names(t, locals);
                    }
                }
                collect_locals(body, locals, globals, nonlocals);
            }
            StmtKind::FunctionDef(def) => add(def.name, locals),
            StmtKind::ClassDef { name, .. } => add(*name, locals),
            StmtKind::Import(aliases) => {
                for a in aliases {
                    add(a.asname.unwrap_or_else(|| intern(a.name.split('.').next().unwrap_or(&a.name))), locals);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    add(a.asname.unwrap_or_else(|| intern(&a.name)), locals);
                }
            }
            StmtKind::Global(names) => globals.extend(names),
            StmtKind::Nonlocal(names) => nonlocals.extend(names),
            StmtKind::Expr(e) => walrus_names(e, locals),
            _ => {}
        }
    }
}

pub(super) fn walrus_names(e: &Expr, locals: &mut Vec<Name>) {
    if let ExprKind::NamedExpr(n, _) = &e.kind {
        if !locals.contains(n) {
            locals.push(*n);
        }
    }
}

pub(super) fn target_names(t: &Expr, out: &mut Vec<Name>) {
    match &t.kind {
        ExprKind::Name(n) if !out.contains(n) => {
            out.push(*n);
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target_names(i, out)),
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}
