//! Re-exports [`loopscope_syntax::ast`] (crate/syntax/ast.rs), which is built for size.

pub use loopscope_syntax::ast::*;
