//! The trace's one record type, its binary layout, kinds, wake causes and argument codes: the
//! wire contract with the page, defined once in crate `loopscope-wire` (`crate/wire/record.rs`,
//! where the layout is documented) and re-exported here for the runtime that writes records.
//! The page reads the same definitions from `www/wire.js`, which that crate renders.

pub use loopscope_wire::record::*;
