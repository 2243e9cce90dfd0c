//! The lessons' source texts, for tests only. The wasm carries only their file names (the page
//! fetches the files), so the tests that read or run a lesson's text embed it from here: the
//! crate's unit tests, and the browser tests through tests/common (which includes this file by
//! path, so it names nothing of the crate). A name missing here fails the catalogue's test.

/// Every text file of the catalogue, as `(name, text)`: each twin's Turkish and English
/// Python (`stem.py`, `stem.en.py`), each seed's text kept as printed, and each lesson's Rust.
macro_rules! files {
    (twins: [$($twin:literal)*] seeds: [$($seed:literal)*] rust: [$($rust:literal)*]) => {
        /// Every text file of the catalogue, as `(name, text)`.
        pub static FILES: &[(&str, &str)] = &[
            $(
                (concat!($twin, ".py"), include_str!(concat!($twin, ".py"))),
                (concat!($twin, ".en.py"), include_str!(concat!($twin, ".en.py"))),
            )*
            $((concat!($seed, ".py"), include_str!(concat!($seed, ".py"))),)*
            $(($rust, include_str!($rust)),)*
        ];
    };
}

files! {
    twins: [
        "async_await_lazy" "async_await_sequential" "async_await_yield" "blocking" "blocking_chunked"
        "blocking_worker" "doctor" "doctor_sync" "event_loop" "fetch_data" "fetch_data_sequential" "gather"
        "gather_sequential" "microtasks" "microtasks_no_budget" "staggered_at_once" "staggered_corrected" "stress"
        "timeouts_cancel" "timeouts_race" "timeouts_wait_for" "websocket_corrected"
    ]
    seeds: ["staggered" "websocket"]
    rust: [
        "async_await.rs" "blocking.rs" "doctor.rs" "event_loop.rs" "fetch_data.rs" "gather.rs" "microtasks.rs"
        "staggered.rs" "stress.rs" "timeouts.rs" "websocket.rs"
    ]
}

/// The text of the lesson file `name` (as the catalogue names it).
pub fn text(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("{name} is not in crate/lessons/sources.rs"))
}

/// Where a lesson file's catalogue entry starts (the crate's `CATALOGUE_MARKER`).
pub const MARKER: &str = "// ---- catalogue";

/// The Rust a learner reads of the lesson file `name`: its text without its catalogue entry,
/// as the page cuts it.
pub fn code(name: &str) -> &'static str {
    let rust = text(name);
    rust.split_once(MARKER).map_or(rust, |(code, _)| code).trim_end()
}
