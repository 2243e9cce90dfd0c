//! www/sources.js fetches the lessons' source texts by a table of its own (so that the opened
//! lesson's Python is on its way before the wasm is): it must be the crate's catalogue, name
//! only files that exist, and the tests' copy of the texts (crate/lessons/sources.rs) must hold
//! exactly those files.

use std::collections::BTreeSet;

use loopscope::lessons::{correction, Source, LESSONS};

#[path = "../crate/lessons/sources.rs"]
#[allow(dead_code)]
mod sources;

fn quote(s: &str) -> String {
    assert!(!s.contains(['"', '\\', '<']), "a name needs escaping in www/sources.js: {s}");
    format!("\"{s}\"")
}

/// A variant's files as the page reads them: what it shows and runs, `[tr, en]`, then, where
/// that is a corrected version, the seed's own text, `[tr, en]`.
fn variant_files(lesson: &str, variant: &str, python: Source) -> Vec<&'static str> {
    match correction(lesson, variant) {
        Some(c) => vec![c.python_file.tr, c.python_file.en, python.tr, python.en],
        None => vec![python.tr, python.en],
    }
}

/// The table's line as the catalogue gives it: `{"lesson":["lesson.rs",{"variant":[files…]…}]…}`.
fn expected() -> String {
    let lessons: Vec<String> = LESSONS
        .iter()
        .map(|l| {
            let variants: Vec<String> = l
                .variants
                .iter()
                .map(|v| {
                    let files: Vec<String> = variant_files(l.id, v.id, v.python_file).into_iter().map(quote).collect();
                    format!("{}:[{}]", quote(v.id), files.join(","))
                })
                .collect();
            format!("{}:[{},{{{}}}]", quote(l.id), quote(l.rust_file), variants.join(","))
        })
        .collect();
    format!("const FILES = {{{}}};", lessons.join(","))
}

/// Every file the catalogue names.
fn named() -> BTreeSet<&'static str> {
    let mut files = BTreeSet::new();
    for l in LESSONS {
        files.insert(l.rust_file);
        for v in l.variants {
            files.extend(variant_files(l.id, v.id, v.python_file));
        }
    }
    files
}

#[test]
fn the_pages_table_of_source_files_is_the_catalogues() {
    let js = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/sources.js")).expect("www/sources.js");
    let line = js.lines().map(str::trim).find(|l| l.starts_with("const FILES = "));
    let want = expected();
    assert_eq!(
        line,
        Some(want.as_str()),
        "www/sources.js's files differ from the catalogue; the line should read:\n{want}"
    );
}

#[test]
fn every_file_named_exists_and_the_tests_hold_exactly_those() {
    for file in named() {
        let path = format!("{}/crate/lessons/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(sources::text(file), text, "{file}");
    }
    let held: BTreeSet<&str> = sources::FILES.iter().map(|(name, _)| *name).collect();
    assert_eq!(held, named(), "crate/lessons/sources.rs holds other files than the catalogue names");
}

#[test]
fn every_python_file_in_the_lessons_folder_is_a_lessons_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/crate/lessons");
    let named = named();
    for entry in std::fs::read_dir(dir).expect("crate/lessons") {
        let name = entry.expect("an entry").file_name().into_string().expect("a UTF-8 name");
        if name.ends_with(".py") {
            assert!(
                named.contains(name.as_str()),
                "crate/lessons/{name} is no lesson's text (the page cannot fetch it)"
            );
        }
    }
}
