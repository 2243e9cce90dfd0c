//! The wire contract between Loopscope's crate and its page, defined once: the trace record's
//! layout, its kinds, wake causes and argument codes ([`record`]), and the bounds the crate
//! checks a run's inputs against (below). The runtime writes records with these definitions
//! (`crate::trace::record` re-exports [`record`]); [`js::module`] renders them as the page's
//! `www/wire.js`, which `make build` regenerates (the `wire-js` binary) and a test here
//! compares with the committed file, so the two sides cannot drift apart.
//!
//! Every value the page must agree on is declared through `wire_enum!` or `codes!`, which
//! keep a table of names and docs beside the Rust items for the renderer: a new kind, cause or
//! code reaches the page with its doc by being declared here, and nowhere else.
#![deny(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc, unsafe_op_in_unsafe_fn)]

use std::ops::RangeInclusive;

/// One value of a `wire_enum!` or one `codes!` constant, as the renderer sees it.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The name the page knows it by.
    pub name: &'static str,
    /// Its number on the wire.
    pub value: u32,
    /// Its doc comment, one string per line.
    pub doc: &'static [&'static str],
}

/// Declares a `#[repr(u32)]` enum whose variants each carry the name the page knows them by
/// (`Variant = 1 => "NAME"`), and `ENTRIES`, the table of those names, numbers and docs.
/// Variants take doc comments only.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $value:literal => $js:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[repr(u32)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $( $(#[doc = $doc])* $variant = $value, )*
        }

        impl $name {
            /// Every value with its page name and doc, in declaration order (rendered into `www/wire.js`).
            pub const ENTRIES: &'static [$crate::Entry] =
                &[$( $crate::Entry { name: $js, value: $value, doc: &[$($doc),*] }, )*];
        }
    };
}

/// Declares `u32` constants with doc comments, and `CODES`, the table of their names, values
/// and docs (rendered into `www/wire.js` under the same names).
macro_rules! codes {
    ( $( $(#[doc = $doc:literal])* pub const $name:ident: u32 = $value:expr; )* ) => {
        $( $(#[doc = $doc])* pub const $name: u32 = $value; )*

        /// Every constant above with its name and doc, in declaration order (rendered into `www/wire.js`).
        pub const CODES: &[$crate::Entry] = &[$( $crate::Entry { name: stringify!($name), value: $name, doc: &[$($doc),*] }, )*];
    };
}

pub mod js;
pub mod record;

/// Slowest and fastest speed a run accepts (1 = real time).
pub const SPEED_RANGE: RangeInclusive<f64> = 0.1..=1000.0;

/// Longest script (the learner's Python) the crate runs, in bytes of UTF-8.
pub const MAX_SCRIPT_BYTES: usize = 100_000;
