//! Which names each scope binds, uses and declares, as CPython's symbol table sees them: the
//! walkers the interpreter's scopes are built from (`collect_locals`, `stmt_exprs`, …), and
//! the symbol table's errors, which CPython gives before the program runs: a `global` or
//! `nonlocal` after the name's use or assignment in its scope, a `nonlocal` with no binding.

use crate::ast::{intern, name_text, Alias, Arg, Comprehension, Expr, ExprKind, FPart, FuncDef, Name, Stmt, StmtKind};
use crate::parser::{ErrorKind, SyntaxError};

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
            StmtKind::Match { cases, .. } => {
                for c in cases {
                    pattern_names(&c.pattern, locals);
                    if let Some(n) = c.name {
                        add(n, locals);
                    }
                    collect_locals(&c.body, locals, globals, nonlocals);
                }
            }
            StmtKind::FunctionDef(def) => add(def.bound, locals),
            StmtKind::ClassDef { name, .. } => add(*name, locals),
            StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
                aliases.iter().for_each(|a| add(imported_name(a), locals));
            }
            // `del x` binds as an assignment does: x is the function's own.
            StmtKind::Del(targets) => targets.iter().for_each(|t| target_names(t, locals)),
            StmtKind::Global(names) => globals.extend(names),
            StmtKind::Nonlocal(names) => nonlocals.extend(names),
            _ => {}
        }
        stmt_exprs(stmt, &mut |x| walrus_names(x, locals));
    }
}

/// The names a `case` pattern binds (its captures, a star's and a mapping's rest; not `_`).
pub fn pattern_names(p: &Expr, out: &mut Vec<Name>) {
    match &p.kind {
        ExprKind::Name(n) if &*name_text(*n) != "_" && !out.contains(n) => out.push(*n),
        ExprKind::Starred(x) => pattern_names(x, out),
        ExprKind::NamedExpr(n, x) => {
            if !out.contains(n) {
                out.push(*n);
            }
            pattern_names(x, out);
        }
        ExprKind::BinOp(a, _, b) => [a, b].into_iter().for_each(|x| pattern_names(x, out)),
        ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|x| pattern_names(x, out)),
        ExprKind::Dict(entries) => entries.iter().for_each(|(_, v)| pattern_names(v, out)),
        ExprKind::Call(_, args) => args.iter().for_each(|a| {
            if let Arg::Pos(x) | Arg::Kw(_, x) = a {
                pattern_names(x, out);
            }
        }),
        _ => {}
    }
}

/// The names an assignment target binds (a name, or those inside a tuple, list or star).
pub fn target_names(t: &Expr, out: &mut Vec<Name>) {
    match &t.kind {
        ExprKind::Name(n) if !out.contains(n) => {
            out.push(*n);
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target_names(i, out)),
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

/// Adds `n` to `out` once.
pub fn add_name(n: Name, out: &mut Vec<Name>) {
    if !out.contains(&n) {
        out.push(n);
    }
}

/// Calls `f` with each expression a statement itself holds, not those of its blocks: for a
/// `def`, its decorators and defaults (read where it is defined), for a class, its bases and
/// decorators.
pub fn stmt_exprs(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::Expr(x) | StmtKind::Return(Some(x)) => f(x),
        StmtKind::Assign { targets, value } => targets.iter().chain([value]).for_each(f),
        StmtKind::AugAssign { target, value, .. } => [target, value].into_iter().for_each(f),
        StmtKind::AnnAssign { target, annotation, value, .. } => {
            [target, annotation].into_iter().chain(value).for_each(f)
        }
        StmtKind::If { test, .. } | StmtKind::While { test, .. } => f(test),
        StmtKind::For { target, iter, .. } => [target, iter].into_iter().for_each(f),
        StmtKind::FunctionDef(def) => def_exprs(def, f),
        StmtKind::ClassDef { bases, decorators, .. } => bases.iter().chain(decorators).for_each(f),
        StmtKind::Try { handlers, .. } => handlers.iter().filter_map(|h| h.typ.as_ref()).for_each(f),
        StmtKind::Raise { exc, cause } => exc.iter().chain(cause).for_each(f),
        StmtKind::Assert { test, msg } => [test].into_iter().chain(msg).for_each(f),
        StmtKind::Del(targets) => targets.iter().for_each(f),
        StmtKind::With { items, .. } => {
            items.iter().flat_map(|i| [&i.context].into_iter().chain(&i.target)).for_each(f)
        }
        // A pattern's value lookups (`Color.RED`) and classes are read, as expressions are.
        StmtKind::Match { subject, cases } => {
            [subject].into_iter().chain(cases.iter().flat_map(|c| [&c.pattern].into_iter().chain(&c.guard))).for_each(f)
        }
        _ => {}
    }
}

/// A function's decorators, defaults and annotations: read where it is defined.
pub fn def_exprs(def: &FuncDef, f: &mut dyn FnMut(&Expr)) {
    let p = &def.params;
    let defaults = p.args.iter().chain(&p.kwonly).filter_map(|a| a.default.as_ref());
    def.decorators.iter().chain(defaults).chain(p.annotations.iter().map(|(_, e)| e)).for_each(f);
}

/// Calls `f` with each expression directly inside `x`, and whether it is in a comprehension
/// (a scope of its own). A lambda's parts are left to the caller.
pub fn expr_children(x: &Expr, f: &mut dyn FnMut(&Expr, bool)) {
    let mut same = |v: &Expr| f(v, false);
    match &x.kind {
        ExprKind::NamedExpr(_, v)
        | ExprKind::Attribute(v, _)
        | ExprKind::Unary(_, v)
        | ExprKind::Await(v)
        | ExprKind::Starred(v) => {
            same(v);
        }
        ExprKind::FString(parts) => fstring_exprs(parts, &mut same),
        ExprKind::Subscript(a, b) | ExprKind::BinOp(a, _, b) => [a, b].into_iter().for_each(|v| same(v)),
        ExprKind::Slice(a, b, c) => [a, b, c].into_iter().flatten().for_each(|v| same(v)),
        ExprKind::Call(func, args) => {
            same(func);
            for a in args {
                match a {
                    Arg::Pos(v) | Arg::Star(v) | Arg::Kw(_, v) | Arg::DoubleStar(v) => same(v),
                }
            }
        }
        ExprKind::BoolOp(_, items) | ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().for_each(same);
        }
        ExprKind::Compare(first, rest) => [&**first].into_iter().chain(rest.iter().map(|(_, v)| v)).for_each(same),
        ExprKind::IfExp(a, b, c) => [a, b, c].into_iter().for_each(|v| same(v)),
        ExprKind::Dict(items) => items.iter().flat_map(|(k, v)| k.iter().chain([v])).for_each(same),
        ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) => comp_exprs(&[elt], gens, f),
        ExprKind::DictComp(k, v, gens) => comp_exprs(&[k, v], gens, f),
        ExprKind::GeneratorExp(g) => comp_exprs(&[&g.elt], &g.gens, f),
        _ => {}
    }
}

/// A comprehension's parts for [`expr_children`]: all in the comprehension's own scope.
pub fn comp_exprs(elts: &[&Expr], gens: &[Comprehension], f: &mut dyn FnMut(&Expr, bool)) {
    for g in gens {
        [&g.target, &g.iter].into_iter().chain(&g.ifs).for_each(|v| f(v, true));
    }
    elts.iter().for_each(|v| f(v, true));
}

/// Calls `f` with an f-string's replacement fields' expressions, those of nested specs too.
pub fn fstring_exprs(parts: &[FPart], f: &mut dyn FnMut(&Expr)) {
    for p in parts {
        if let FPart::Field { expr, spec, .. } = p {
            f(expr);
            fstring_exprs(spec, f);
        }
    }
}

/// The names a statement's walruses bind in its scope (`(x := …)` anywhere in its expressions,
/// a comprehension's too, as PEP 572 says; a lambda's are its own).
pub fn walrus_names(x: &Expr, locals: &mut Vec<Name>) {
    match &x.kind {
        ExprKind::NamedExpr(n, _) => add_name(*n, locals),
        ExprKind::Lambda(_) => return,
        _ => {}
    }
    expr_children(x, &mut |v, _| walrus_names(v, locals));
}

/// The name an import binds: its `as` name, or the first part of its dotted name.
pub fn imported_name(a: &Alias) -> Name {
    a.asname.unwrap_or_else(|| intern(a.name.split('.').next().unwrap_or(&a.name)))
}

/// A `global` or `nonlocal` statement's place, as the parser read it: its line and the
/// columns its carets span.
pub type Directive = (u32, u32, u32);

/// CPython's symbol-table errors for the module `body`, whose `global` and `nonlocal`
/// statements are at `directives`, in source order. The first in source order wins, but a
/// `nonlocal` with no binding is found only once every scope was read, so it comes last.
pub fn check(body: &[Stmt], directives: &[Directive]) -> Result<(), SyntaxError> {
    let mut c = Checker { directives, next: 0, unbound: None };
    c.block(body, &mut Seen { module: true, ..Seen::default() }, &mut Vec::new())?;
    c.unbound.map_or(Ok(()), Err)
}

/// What a scope has met so far, in source order (CPython's `USE`, `DEF_LOCAL`, `DEF_ANNOT`).
#[derive(Default)]
struct Seen {
    used: Vec<Name>,
    assigned: Vec<Name>,
    annotated: Vec<Name>,
    /// Declared `global` or `nonlocal`: what follows no longer counts.
    declared: Vec<Name>,
    /// Each declaration's kind (`global`: true) and where it was first written.
    directives: Vec<(Name, bool, Directive)>,
    /// A function's scope: the names it binds, for the `nonlocal`s of the scopes inside it.
    /// `None`: a class body's, or the module's (with `module`).
    binds: Option<Vec<Name>>,
    module: bool,
}

impl Seen {
    fn note(list: &mut Vec<Name>, declared: &[Name], n: Name) {
        if !declared.contains(&n) {
            add_name(n, list);
        }
    }
    fn used(&mut self, n: Name) {
        Self::note(&mut self.used, &self.declared, n);
    }
    fn assigned(&mut self, n: Name) {
        Self::note(&mut self.assigned, &self.declared, n);
    }
}

struct Checker<'a> {
    directives: &'a [Directive],
    /// The next `global` or `nonlocal` statement met, in source order.
    next: usize,
    /// The first `nonlocal` no enclosing function binds.
    unbound: Option<SyntaxError>,
}

impl Checker<'_> {
    /// A scope's statements, in order; `outer`: the names each enclosing function binds
    /// (a class's do not count).
    fn block(&mut self, body: &[Stmt], seen: &mut Seen, outer: &mut Vec<Vec<Name>>) -> Result<(), SyntaxError> {
        for s in body {
            self.stmt(s, seen, outer)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt, seen: &mut Seen, outer: &mut Vec<Vec<Name>>) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| target(t, seen));
                expr(value, seen);
            }
            StmtKind::AugAssign { target: t, value, .. } => {
                target(t, seen);
                expr(value, seen);
            }
            StmtKind::AnnAssign { target: t, annotation, value, .. } => {
                if let ExprKind::Name(n) = t.kind {
                    Seen::note(&mut seen.annotated, &seen.declared, n);
                }
                target(t, seen);
                expr(annotation, seen);
                value.iter().for_each(|v| expr(v, seen));
            }
            StmtKind::For { target: t, iter, .. } => {
                target(t, seen);
                expr(iter, seen);
            }
            StmtKind::With { items, .. } => {
                for i in items {
                    expr(&i.context, seen);
                    i.target.iter().for_each(|t| target(t, seen));
                }
            }
            StmtKind::Del(targets) => targets.iter().for_each(|t| target(t, seen)),
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                let global = matches!(s.kind, StmtKind::Global(_));
                let at = self.directive(s.line);
                self.declare(names, global, at, seen, outer)?;
            }
            StmtKind::FunctionDef(def) => {
                stmt_exprs(s, &mut |x| expr(x, seen));
                seen.assigned(def.bound);
                self.nested(seen, outer, |c, outer| c.function(def, outer))?;
            }
            StmtKind::ClassDef { name, body, .. } => {
                stmt_exprs(s, &mut |x| expr(x, seen));
                seen.assigned(*name);
                self.nested(seen, outer, |c, outer| c.block(body, &mut Seen::default(), outer))?;
            }
            StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
                aliases.iter().for_each(|a| seen.assigned(imported_name(a)));
            }
            // Their parts are met in order with their blocks, below.
            StmtKind::Try { .. } => {}
            StmtKind::Match { subject, .. } => expr(subject, seen),
            _ => stmt_exprs(s, &mut |x| expr(x, seen)),
        }
        match &s.kind {
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                self.block(body, seen, outer)?;
                self.block(orelse, seen, outer)
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.block(body, seen, outer)?;
                for h in handlers {
                    h.typ.iter().for_each(|t| expr(t, seen));
                    h.name.into_iter().for_each(|n| seen.assigned(n));
                    self.block(&h.body, seen, outer)?;
                }
                self.block(orelse, seen, outer)?;
                self.block(finalbody, seen, outer)
            }
            StmtKind::With { body, .. } => self.block(body, seen, outer),
            // Each case's pattern (its captures bind, its value lookups read) and guard, then
            // its body.
            StmtKind::Match { cases, .. } => cases.iter().try_for_each(|c| {
                pattern(&c.pattern, seen);
                c.name.into_iter().for_each(|n| seen.assigned(n));
                c.guard.iter().for_each(|g| expr(g, seen));
                self.block(&c.body, seen, outer)
            }),
            _ => Ok(()),
        }
    }

    /// A scope inside the one `seen` is reading: a function's sees the names that one binds.
    fn nested(
        &mut self,
        seen: &Seen,
        outer: &mut Vec<Vec<Name>>,
        read: impl FnOnce(&mut Self, &mut Vec<Vec<Name>>) -> Result<(), SyntaxError>,
    ) -> Result<(), SyntaxError> {
        let Some(binds) = &seen.binds else { return read(self, outer) };
        outer.push(binds.clone());
        let r = read(self, outer);
        outer.pop();
        r
    }

    /// A function's body: a scope of its own, which binds its parameters.
    fn function(&mut self, def: &FuncDef, outer: &mut Vec<Vec<Name>>) -> Result<(), SyntaxError> {
        let p = &def.params;
        let mut binds: Vec<Name> =
            p.args.iter().chain(&p.kwonly).map(|a| a.name).chain(p.vararg).chain(p.kwarg).collect();
        let (mut globals, mut nonlocals) = (Vec::new(), Vec::new());
        collect_locals(&def.body, &mut binds, &mut globals, &mut nonlocals);
        binds.retain(|n| !globals.contains(n));
        binds.extend(nonlocals);
        self.block(&def.body, &mut Seen { binds: Some(binds), ..Seen::default() }, outer)
    }

    /// The place of the `global` or `nonlocal` statement on `line`: the next one the parser read.
    fn directive(&mut self, line: u32) -> Directive {
        let at = self.directives.get(self.next).copied().filter(|d| d.0 == line);
        self.next += 1;
        at.unwrap_or((line, 1, 1))
    }

    fn declare(
        &mut self,
        names: &[Name],
        global: bool,
        (line, col, end_col): Directive,
        seen: &mut Seen,
        outer: &[Vec<Name>],
    ) -> Result<(), SyntaxError> {
        let what = if global { "global" } else { "nonlocal" };
        let error = |message: String| SyntaxError {
            kind: ErrorKind::Syntax,
            message,
            line,
            col,
            end_col,
            shown: None,
            compiled: true,
        };
        for &n in names {
            let t = name_text(n);
            if seen.used.contains(&n) {
                return Err(error(format!("name '{t}' is used prior to {what} declaration")));
            }
            if seen.annotated.contains(&n) {
                return Err(error(format!("annotated name '{t}' can't be {what}")));
            }
            if seen.assigned.contains(&n) {
                return Err(error(format!("name '{t}' is assigned to before {what} declaration")));
            }
            // Declared both ways: CPython names the first declaration, in its analysis (after
            // the errors of its first pass, as the missing binding of a nonlocal).
            match seen.directives.iter().find(|(d, _, _)| *d == n) {
                Some(&(_, was, (l, c, e))) if was != global => {
                    let mut err = error(format!("name '{t}' is nonlocal and global"));
                    (err.line, err.col, err.end_col) = (l, c, e);
                    // For one name CPython asks this before whether a nonlocal is bound.
                    let same = format!("no binding for nonlocal '{t}' found");
                    match &self.unbound {
                        Some(u) if u.message != same => {}
                        _ => self.unbound = Some(err),
                    }
                }
                Some(_) => {}
                None => seen.directives.push((n, global, (line, col, end_col))),
            }
            if !global && !outer.iter().any(|b| b.contains(&n)) {
                let message = match seen.module {
                    true => "nonlocal declaration not allowed at module level".to_string(),
                    false => format!("no binding for nonlocal '{t}' found"),
                };
                self.unbound.get_or_insert_with(|| error(message));
            }
            add_name(n, &mut seen.declared);
        }
        Ok(())
    }
}

/// A `case` pattern: the names it captures are bound; a dotted value (`Color.RED`) and a
/// class pattern's class are read.
fn pattern(p: &Expr, seen: &mut Seen) {
    match &p.kind {
        ExprKind::Name(n) if &*name_text(*n) != "_" => seen.assigned(*n),
        ExprKind::Attribute(..) => expr(p, seen),
        ExprKind::Call(class, args) => {
            expr(class, seen);
            for a in args {
                if let Arg::Pos(x) | Arg::Kw(_, x) = a {
                    pattern(x, seen);
                }
            }
        }
        ExprKind::NamedExpr(n, x) => {
            pattern(x, seen);
            seen.assigned(*n);
        }
        ExprKind::Starred(x) => pattern(x, seen),
        ExprKind::BinOp(a, _, b) => [a, b].into_iter().for_each(|x| pattern(x, seen)),
        ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|x| pattern(x, seen)),
        ExprKind::Dict(entries) => {
            for (k, v) in entries {
                k.iter().for_each(|k| expr(k, seen));
                match k {
                    Some(_) => pattern(v, seen),
                    None => target(v, seen), // `**rest`
                }
            }
        }
        _ => {}
    }
}

/// An assignment's target: the names it binds, and what its attributes and subscripts read.
fn target(t: &Expr, seen: &mut Seen) {
    match &t.kind {
        ExprKind::Name(n) => seen.assigned(*n),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target(i, seen)),
        ExprKind::Starred(inner) => target(inner, seen),
        _ => expr(t, seen),
    }
}

/// What an expression reads and its walruses bind in the scope it is in: a comprehension's
/// first iterable is read there, the rest is a scope of its own; a lambda's body too.
fn expr(x: &Expr, seen: &mut Seen) {
    match &x.kind {
        ExprKind::Name(n) => seen.used(*n),
        ExprKind::NamedExpr(n, v) => {
            seen.assigned(*n);
            expr(v, seen);
        }
        ExprKind::Lambda(def) => def_exprs(def, &mut |v| expr(v, seen)),
        ExprKind::ListComp(_, gens) | ExprKind::SetComp(_, gens) | ExprKind::DictComp(_, _, gens) => {
            comprehension(x, gens, seen)
        }
        ExprKind::GeneratorExp(g) => comprehension(x, &g.gens, seen),
        _ => expr_children(x, &mut |v, _| expr(v, seen)),
    }
}

fn comprehension(x: &Expr, gens: &[Comprehension], seen: &mut Seen) {
    if let Some(first) = gens.first() {
        expr(&first.iter, seen);
    }
    let mut bound = Vec::new();
    walrus_names(x, &mut bound);
    bound.into_iter().for_each(|n| seen.assigned(n));
}
