//! www/first-paint.js paints the lesson's title before any module or the wasm has loaded, from a table
//! of its own: it must be the crate's catalogue.

use loopscope::lessons::LESSONS;

/// The table's line as the catalogue gives it: `{"id":["Turkish","English"],…}`.
fn expected() -> String {
    let quote = |s: &str| {
        assert!(!s.contains(['"', '\\', '<']), "a title needs escaping in www/first-paint.js: {s}");
        format!("\"{s}\"")
    };
    let rows: Vec<String> =
        LESSONS.iter().map(|l| format!("{}:[{},{}]", quote(l.id), quote(l.title.tr), quote(l.title.en))).collect();
    format!("const TITLES = {{{}}};", rows.join(","))
}

#[test]
fn the_first_paint_shows_the_catalogue_s_titles() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/first-paint.js"))
        .expect("www/first-paint.js");
    let line = html.lines().map(str::trim).find(|l| l.starts_with("const TITLES = "));
    let want = expected();
    assert_eq!(
        line,
        Some(want.as_str()),
        "www/first-paint.js's titles differ from the catalogue; the line should read:\n{want}"
    );
}
