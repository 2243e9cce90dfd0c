//! Script mode's cold half, a crate of its own so that the release profile can build it for
//! size at "z" (see `[profile.release.package.loopscope-syntax]` in the root Cargo.toml), smaller
//! than the evaluator's "s", which keeps more inlining for its loops. It runs once per run (tokenizing, parsing) or when a value
//! prints; what the evaluator calls in its loops (the name hasher, `%` and `//`) is
//! `#[inline]`, so it is compiled into the caller at the caller's level.
//!
//! The modules keep their place in the tree: the script crate's `{ast, lexer, parser, format}`
//! re-export them.

pub mod ast;
pub mod format;
pub mod lexer;
pub mod parser;
pub mod symbols;
