//! Re-exports [`loopscope_syntax::lexer`] (crate/syntax/lexer/), which is built for size.

pub use loopscope_syntax::lexer::*;
