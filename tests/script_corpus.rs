//! The conformance corpus: every program runs in virtual time and must print CPython's lines,
//! in CPython's order, each stamped with CPython's elapsed time to 0.01 s.
#![cfg(all(target_arch = "wasm32", feature = "script"))]

mod common;

use common::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!("script/corpus_index.rs");

/// Programs the interpreter does not match yet, each with what it lacks. The test fails if one
/// of them starts to match (take it off the list) or if any other program differs.
const KNOWN_GAPS: &[(&str, &str)] =
    &[("lang_10_numbers", "ints beyond 64 bits"), ("lang_17_assert_recursion", "ints beyond 64 bits (25!)")];

#[wasm_bindgen_test]
async fn every_corpus_program_prints_what_cpython_printed_at_the_same_times() {
    let only = option_env!("CORPUS_ONLY").unwrap_or("");
    let mut failures = Vec::new();
    for (name, source, expected) in CORPUS {
        if !name.contains(only) {
            continue;
        }
        console_log!("corpus: {name}");
        let got = transcript(source).await;
        let want: Vec<&str> = expected.lines().collect();
        if got.iter().map(String::as_str).ne(want.iter().copied()) {
            let at = got.iter().zip(&want).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
            console_log!("  differs: want {:?} got {:?}", want.get(at), got.get(at));
            got.iter().filter(|l| l.contains(" ! ")).for_each(|l| console_log!("    {l}"));
            failures.push(format!(
                "{name}: first difference at line {}\n  want: {:?}\n  got:  {:?}",
                at + 1,
                want.get(at),
                got.get(at)
            ));
        }
    }
    let unexpected: Vec<&String> =
        failures.iter().filter(|f| !KNOWN_GAPS.iter().any(|(gap, _)| f.starts_with(&format!("{gap}:")))).collect();
    assert!(
        unexpected.is_empty(),
        "{} of {} programs differ:\n{}",
        unexpected.len(),
        CORPUS.len(),
        failures.join("\n")
    );
    if only.is_empty() {
        let fixed: Vec<&str> = KNOWN_GAPS
            .iter()
            .map(|(gap, _)| *gap)
            .filter(|gap| !failures.iter().any(|f| f.starts_with(&format!("{gap}:"))))
            .collect();
        assert!(fixed.is_empty(), "these programs match CPython now: take them off KNOWN_GAPS: {fixed:?}");
    }
}
