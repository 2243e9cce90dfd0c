//! Re-exports [`loopscope_syntax::parser`] (crate/syntax/parser/), which is built for size.

pub use loopscope_syntax::parser::*;
