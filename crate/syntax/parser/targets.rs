//! Assignment targets: parsing the targets of `for`, `with` and comprehensions, and the checks and "cannot
//! assign to …" messages CPython gives for every kind of target.

use crate::ast::{self, Const, Expr, ExprKind, UnaryOp};

use super::{boxed, starts_expr, syntax, PResult, Parser, SyntaxError};

/// Where the carets under `e` end: its end, or the end of its first line's part of it.
pub(super) fn over(e: &Expr) -> u32 {
    if e.end_line == e.line {
        e.end_col
    } else {
        e.col + 1
    }
}

/// CPython's name for an expression in "cannot assign to …" messages.
#[inline(never)]
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Starred(..) => "starred",
        ExprKind::Name(..) => "name",
        ExprKind::List(..) => "list",
        ExprKind::Tuple(..) => "tuple",
        ExprKind::Lambda(..) => "lambda",
        ExprKind::Call(f, _) if matches!(&f.kind, ExprKind::Name(n) if *n == ast::intern("yield")) => {
            "yield expression"
        }
        ExprKind::Call(..) => "function call",
        ExprKind::BoolOp(..) | ExprKind::BinOp(..) | ExprKind::Unary(..) => "expression",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Await(..) => "await expression",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::Dict(..) => "dict literal",
        ExprKind::Set(..) => "set display",
        ExprKind::FString(..) => "f-string expression",
        ExprKind::Const(Const::None) => "None",
        ExprKind::Const(Const::Bool(true)) => "True",
        ExprKind::Const(Const::Bool(false)) => "False",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Const(_) => "literal",
        ExprKind::Compare(..) => "comparison",
        ExprKind::IfExp(..) => "conditional expression",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::Slice(..) => "slice",
    }
}

/// The part of an assignment (or `del`) target that cannot be assigned to.
#[inline(never)]
pub(super) fn invalid_target(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
        ExprKind::Tuple(v) | ExprKind::List(v) => v.iter().find_map(|x| invalid_target(x, del)),
        ExprKind::Starred(inner) if !del => invalid_target(inner, del),
        _ => Some(e),
    }
}

/// Whether CPython's parser would see `e` as a `bitwise_or` (an operand of a comparison),
/// which decides between its two "cannot assign" messages.
#[inline(never)]
pub(super) fn is_bitwise_or(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare(..)
            | ExprKind::BoolOp(..)
            | ExprKind::Unary(UnaryOp::Not, _)
            | ExprKind::IfExp(..)
            | ExprKind::Lambda(..)
            | ExprKind::NamedExpr(..)
            | ExprKind::Starred(..)
            | ExprKind::Tuple(..)
            | ExprKind::List(..)
            | ExprKind::GeneratorExp(..)
            | ExprKind::Const(Const::None | Const::Bool(_))
    )
}

impl Parser {
    /// The assignment checks CPython's compiler makes about starred targets.
    pub(super) fn check_starred(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Starred(_) => self.late_over("starred assignment target must be in a list or tuple", t),
            ExprKind::Tuple(v) | ExprKind::List(v) => {
                if v.iter().filter(|e| matches!(e.kind, ExprKind::Starred(_))).count() > 1 {
                    self.late_over("multiple starred expressions in assignment", t);
                }
                for e in v {
                    if let ExprKind::Starred(inner) = &e.kind {
                        self.check_starred(inner);
                    } else {
                        self.check_starred(e);
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn check_target(&mut self, t: &Expr) -> PResult<()> {
        if let Some(bad) = invalid_target(t, false) {
            let e = syntax(format!("cannot assign to {}", expr_name(bad)), bad.line, bad.col);
            return Err(SyntaxError { end_col: over(bad), ..e });
        }
        self.check_starred(t);
        Ok(())
    }

    pub(super) fn target_list(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let first = self.star_target()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !starts_expr(&self.cur().tok) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(self.mk(line, col, ExprKind::Tuple(elts)))
    }

    /// An assignment target of `for`, `with … as` and comprehensions: no comparison, so
    /// that `in` is left for the caller.
    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            let (line, col) = self.here();
            self.advance();
            let value = self.binary(1)?;
            return Ok(self.mk(line, col, ExprKind::Starred(boxed(value))));
        }
        self.binary(1)
    }
}
