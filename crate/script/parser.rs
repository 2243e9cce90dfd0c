//! Re-exports [`loopscope_syntax::parser`] (crate/syntax/parser.rs), which is built for size.

pub use loopscope_syntax::parser::*;
