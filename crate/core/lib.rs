//! Loopscope's core: the event loop and its trace. A crate of its own so that the release
//! profile builds it at opt-level 3 (the loop's hot path) while the lessons and script mode's
//! interpreter, most of the wasm, are built for size (see the profile overrides in the root
//! Cargo.toml). The root crate re-exports these modules, so their paths stay
//! `loopscope::runtime` and `loopscope::trace`.
//!
//! The modules' files keep their place in `crate/`, beside the other crates' sources.
#![deny(missing_docs)]
// Every unsafe block says why it is sound (`SAFETY:`), and an unsafe fn's body marks its own.
#![warn(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc, unsafe_op_in_unsafe_fn)]

#[path = "../runtime/mod.rs"]
pub mod runtime;
#[path = "../trace/mod.rs"]
pub mod trace;
