//! The wire contract as a JavaScript module: [`module`] renders `www/wire.js` from the
//! definitions in this crate, and a test fails while the committed file differs from it.

use std::fmt::Write;

use crate::record::{FieldType, Kind, WakeCause, CODES, FIELDS, RECORD_BYTES};
use crate::{Entry, MAX_SCRIPT_BYTES, SPEED_RANGE};

/// Where the page keeps the module, from the repository's root.
pub const PATH: &str = "www/wire.js";

const HEADER: &str = "\
// The wire contract between the crate and the page: the trace record's layout, its kinds, wake
// causes and argument codes, and the bounds the crate checks a run's inputs against. The docs
// name kinds as the crate does (`PollEnd` is KIND.POLL_END).
//
// Generated from crate/wire/ (crate loopscope-wire); do not edit: change the Rust there and run
// `make build`, which regenerates this file. `cargo test` fails while it differs from the crate.
";

/// The text of `www/wire.js`.
pub fn module() -> String {
    let mut js = String::from(HEADER);
    layout(&mut js);
    let kind_doc = "What a record says happened: its `kind`.";
    entries(&mut js, "KIND", kind_doc, Kind::ENTRIES);
    let cause_doc = "Why a task was woken: a WAKE's `a` (and a WAIT's), by the cause's name.";
    entries(&mut js, "WAKE_CODE", cause_doc, WakeCause::ENTRIES);
    let causes: Vec<String> = WakeCause::ENTRIES.iter().map(|e| format!("{}: '{}'", e.value, e.name)).collect();
    js.push_str("\n/** WAKE_CODE turned around: a WAKE's or a WAIT's `a` → the cause's name. */\n");
    let _ = writeln!(js, "export const WAKE_CAUSE = Object.freeze({{\n  {},\n}});", causes.join(", "));
    js.push_str("\n// What the codes in a record's `a` and `b` mean, by kind.\n");
    for code in CODES {
        constant(&mut js, code.doc, code.name, code.value);
    }
    js.push_str("\n// The bounds the crate checks a run's inputs against.\n");
    constant(&mut js, &[" Slowest speed a run accepts (1 = real time)."], "SPEED_MIN", SPEED_RANGE.start());
    constant(&mut js, &[" Fastest speed a run accepts."], "SPEED_MAX", SPEED_RANGE.end());
    let script_doc = " Longest script (the learner's Python) the crate runs, in bytes of UTF-8.";
    constant(&mut js, &[script_doc], "MAX_SCRIPT_BYTES", MAX_SCRIPT_BYTES);
    js
}

/// `export const name = value;` with its doc.
fn constant(js: &mut String, lines: &[&str], name: &str, value: impl std::fmt::Display) {
    doc(js, "", lines);
    let _ = writeln!(js, "export const {name} = {value};");
}

/// The record's size and each field's typed-array index.
fn layout(js: &mut String) {
    let slots = |ty: FieldType| RECORD_BYTES / ty.bytes();
    let _ = write!(
        js,
        "\n/** Bytes in one record: little endian, 8-aligned, records back to back in the ring. */\n\
         export const RECORD_BYTES = {RECORD_BYTES};\n\
         /** f64 slots per record (a Float64Array view's stride). */\n\
         export const RECORD_F64 = {};\n\
         /** u32 slots per record (a Uint32Array view's stride). */\n\
         export const RECORD_U32 = {};\n",
        slots(FieldType::F64),
        slots(FieldType::U32)
    );
    let index = |offset: usize, ty: FieldType| offset / ty.bytes();
    let fields: Vec<String> =
        FIELDS.iter().map(|f| format!("{}[{}] {}", name_of(f.ty).1, index(f.offset, f.ty), f.name)).collect();
    let _ = writeln!(
        js,
        "\n// Each field's index from its record's first slot, in the typed-array view of its type:\n//   {}",
        fields.join(" · ")
    );
    for f in FIELDS {
        let _ = writeln!(js, "export const {}_{} = {};", f.name.to_uppercase(), name_of(f.ty).0, index(f.offset, f.ty));
    }
}

/// A field type's suffix in the constants' names and its name in the comment.
fn name_of(ty: FieldType) -> (&'static str, &'static str) {
    match ty {
        FieldType::F64 => ("F64", "f64"),
        FieldType::U32 => ("U32", "u32"),
    }
}

/// A frozen object of `name: value` entries, each with its doc.
fn entries(js: &mut String, name: &str, about: &str, entries: &[Entry]) {
    let _ = writeln!(js, "\n/** {about} */\nexport const {name} = Object.freeze({{");
    for e in entries {
        doc(js, "  ", e.doc);
        let _ = writeln!(js, "  {}: {},", e.name, e.value);
    }
    js.push_str("});\n");
}

/// A doc comment's lines as a JSDoc comment at `indent`, Rust's intra-doc links as plain code.
fn doc(js: &mut String, indent: &str, lines: &[&str]) {
    let lines: Vec<String> =
        lines.iter().map(|l| l.strip_prefix(' ').unwrap_or(l).replace("[`", "`").replace("`]", "`")).collect();
    assert!(lines.iter().all(|l| !l.contains("*/")), "a doc on the wire cannot close a JS comment: {lines:?}");
    match lines.as_slice() {
        [one] => {
            let _ = writeln!(js, "{indent}/** {one} */");
        }
        _ => {
            let _ = writeln!(js, "{indent}/**");
            for l in &lines {
                let _ = writeln!(js, "{indent} * {l}");
            }
            let _ = writeln!(js, "{indent} */");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_page_has_the_crate_s_wire_contract() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let rendered = module();
        if committed != rendered {
            let line = committed.lines().zip(rendered.lines()).position(|(a, b)| a != b);
            let at = line.map_or_else(|| "its length".to_owned(), |n| format!("line {}", n + 1));
            panic!("{PATH} is stale: run `make build` (it differs from what crate/wire renders, first at {at})");
        }
    }

    #[test]
    fn no_other_page_module_defines_a_wire_name_of_its_own() {
        let rendered = module();
        let names: Vec<&str> =
            rendered.lines().filter_map(|l| l.strip_prefix("export const ")?.split(' ').next()).collect();
        assert!(names.len() > 20, "{names:?}");
        let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www");
        for entry in std::fs::read_dir(&www).expect("www/ is beside crate/") {
            let path = entry.expect("a file in www/").path();
            let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if !file.ends_with(".js") || path.ends_with(PATH) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a page module reads as text");
            for name in &names {
                assert!(
                    !text.contains(&format!("const {name} =")),
                    "www/{file} defines {name}: import it from wire.js (generated from crate/wire/) instead"
                );
            }
        }
    }

    #[test]
    fn the_module_names_every_kind_cause_and_code() {
        let js = module();
        for e in Kind::ENTRIES.iter().chain(WakeCause::ENTRIES) {
            assert!(js.contains(&format!("  {}: {},\n", e.name, e.value)), "{}", e.name);
        }
        for code in CODES {
            assert!(js.contains(&format!("export const {} = {};\n", code.name, code.value)), "{}", code.name);
        }
        assert!(js.contains("export const RECORD_U32 = 8;\n") && js.contains("export const TIME_F64 = 0;\n"));
        assert!(js.contains("export const KIND_U32 = 3;\n"));
        assert!(js.contains("export const SPEED_MIN = 0.1;\n") && js.contains("export const SPEED_MAX = 1000;\n"));
    }
}
