//! Re-exports [`loopscope_syntax::format`] (crate/syntax/format/), which is built for size.

pub use loopscope_syntax::format::*;
