//! Loopscope's core: the event loop, its trace and the lessons that run on it. A crate of its
//! own so that the release profile builds it at opt-level 3 (the loop's hot path) while script
//! mode's interpreter, the biggest part of the wasm, is built for size (see the profile
//! overrides in the root Cargo.toml). The root crate re-exports these modules, so their paths
//! stay `loopscope::runtime`, `loopscope::trace` and `loopscope::lessons`.
//!
//! The modules' files keep their place in `crate/`, beside the other crates' sources.
#![deny(missing_docs)]
// Every unsafe block says why it is sound (`SAFETY:`), and an unsafe fn's body marks its own.
#![warn(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc, unsafe_op_in_unsafe_fn)]

#[path = "../lessons/mod.rs"]
pub mod lessons;
#[path = "../runtime/mod.rs"]
pub mod runtime;
#[path = "../trace/mod.rs"]
pub mod trace;
