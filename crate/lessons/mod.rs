//! The lessons: one module per seed example, written to read like the seed's Python, and
//! the catalogue the page shows (titles and notes in Turkish and English, and the files of
//! the seed's Python and of the Rust that actually runs). The source texts stay in their files
//! beside this one: the page fetches the one it shows (www/sources.js), so the wasm carries
//! their names only.

#![deny(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc, unsafe_op_in_unsafe_fn)]

/// A lesson's Python files in both languages: `py!("gather")` names `gather.py`, the seed's
/// Turkish program, and `gather.en.py`, its English twin: the same program with English prints
/// and comments (and English names for its constants and locals), keeping every function,
/// class, parameter and task name, every number and the order of everything, so that both
/// draw the same timeline. `py!(seed "staggered")` names a seed's text kept as printed, the
/// same file in both languages.
macro_rules! py {
    ($name:literal) => {
        $crate::Source { tr: concat!($name, ".py"), en: concat!($name, ".en.py") }
    };
    (seed $name:literal) => {
        $crate::Source { tr: concat!($name, ".py"), en: concat!($name, ".py") }
    };
}

pub mod async_await;
pub mod blocking;
pub mod doctor;
pub mod event_loop;
pub mod fetch_data;
pub mod gather;
pub mod microtasks;
pub mod params;
pub mod random;
#[cfg(test)]
pub mod sources;
pub mod staggered;
pub mod stress;
pub mod timeouts;
pub mod websocket;

use futures::future::LocalBoxFuture;

pub use params::{Args, Param};

/// A duration in seconds to two decimals, as lessons print times.
pub fn secs(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 100.0).round() / 100.0
}

/// Where a lesson file's catalogue entry starts; the page shows the source above it (and
/// www/sources.js cuts it there).
pub const CATALOGUE_MARKER: &str = "// ---- catalogue";

/// A lesson text's file in this folder, per language (the same file for both where a seed's
/// text is kept as printed): a [`Text`] whose two texts are file names.
pub type Source = Text;

/// A text in both of the page's languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Turkish, the seeds' language.
    pub tr: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: loopscope_core::runtime::Lang) -> &'static str {
        match lang {
            loopscope_core::runtime::Lang::Tr => self.tr,
            loopscope_core::runtime::Lang::En => self.en,
        }
    }
}

/// One way to run a lesson (for example gathered or sequential).
pub struct Variant {
    /// Stable id, used in the URL and by `startRun`.
    pub id: &'static str,
    /// Name on the page.
    pub label: Text,
    /// The files of the Python this variant corresponds to (the seed's own code where it has
    /// one), in Turkish as the seed prints it and in English (see [`py!`]).
    pub python_file: Source,
    /// Name of the run's root task, the lane its `main` runs in.
    pub root: &'static str,
    /// Makes the root future from checked parameters; nothing runs until the loop polls it.
    pub start: fn(&Args) -> LocalBoxFuture<'static, ()>,
}

/// A button the page shows while the lesson runs; the lesson receives its id through
/// [`loopscope_core::runtime::listen_controls`].
pub struct Control {
    /// Stable id, sent by the page.
    pub id: &'static str,
    /// The button's text.
    pub label: Text,
}

/// A lesson as the page lists it.
pub struct Lesson {
    /// Stable id: `index.html#lesson=<id>`.
    pub id: &'static str,
    /// Title.
    pub title: Text,
    /// What the lesson shows, in a sentence or two.
    pub summary: Text,
    /// What to look for on the timeline.
    pub notice: Text,
    /// The seed it comes from, e.g. "001 · Birden Fazla Task Çalıştırma".
    pub seed: &'static str,
    /// The lesson's source file's name; the page shows it up to [`CATALOGUE_MARKER`].
    pub rust_file: &'static str,
    /// Numbers the learner can change.
    pub params: &'static [Param],
    /// Buttons that act on a live run (fault injection); empty for most lessons.
    pub controls: &'static [Control],
    /// Ways to run it; the first is the default.
    pub variants: &'static [Variant],
}

impl Lesson {
    /// The variant with this id.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }
}

/// Every lesson, in the order the page lists them.
pub static LESSONS: &[&Lesson] = &[
    &doctor::LESSON,
    &async_await::LESSON,
    &gather::LESSON,
    &staggered::LESSON,
    &websocket::LESSON,
    &event_loop::LESSON,
    &fetch_data::LESSON,
    &blocking::LESSON,
    &timeouts::LESSON,
    &microtasks::LESSON,
    &stress::LESSON,
];

/// The lesson with this id.
pub fn find(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().copied().find(|l| l.id == id)
}

/// A seed's program that cannot run as printed, and the smallest version of it that does:
/// the page shows the seed's text and runs this one, saying what was changed.
pub struct Correction {
    /// The lesson and variant whose `python_file` is the seed's text.
    pub lesson: &'static str,
    /// See `lesson`.
    pub variant: &'static str,
    /// The corrected program's files: what the editor holds and Python mode runs, per language.
    pub python_file: Source,
    /// What was changed, and why.
    pub what: Text,
}

/// Every correction of a seed's program.
pub static CORRECTIONS: &[Correction] = &[
    Correction {
        lesson: "staggered",
        variant: "staggered",
        python_file: py!("staggered_corrected"),
        what: Text {
            tr: "run_until_complete(multiconnect) → multiconnect(): bir coroutine ister, fonksiyonu değil \
                 (özgün hâli TypeError verir). multiconnect görevlerini gather ile bekler; yoksa döngü \
                 görevler işini bitirmeden durur. connect bir saniye sürer ve ne yaptığını yazar.",
            en: "run_until_complete(multiconnect) → multiconnect(): it takes a coroutine, not the function \
                 (as printed it raises TypeError). multiconnect waits for its tasks with gather, or the loop \
                 would stop before they finish. connect takes a second and prints what it does.",
        },
    },
    Correction {
        lesson: "websocket",
        variant: "reconnect",
        python_file: py!("websocket_corrected"),
        what: Text {
            tr: "_connect ve _create_task self alır: özgün kaynaktaki gibi bir sınıfın (Client) metotları oldular, \
                 PING_TIMEOUT ve SLEEP_TIME sınıfta. ADDRESS sayfanın sahte sunucusu (websockets onu taklit \
                 eder; düğmeler ona arıza çıkarır), callback_func gelen mesajı yazar. Döngü sonsuz olduğu için \
                 RUN_TIME sn sonra beklemeyi bırakıyoruz.",
            en: "_connect and _create_task take self: they are now methods of a class (Client), as in the example's source, with PING_TIMEOUT and SLEEP_TIME on the class. ADDRESS is the page's \
                 simulated server (websockets is a stand-in bound to it; the buttons break it), and \
                 callback_func prints each message. The loop never ends, so we stop waiting after RUN_TIME s.",
        },
    },
];

/// The correction of a lesson variant's Python, if the seed's text cannot run as printed.
pub fn correction(lesson: &str, variant: &str) -> Option<&'static Correction> {
    CORRECTIONS.iter().find(|c| c.lesson == lesson && c.variant == variant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_has_a_unique_id_and_at_least_one_variant() {
        let mut ids: Vec<_> = LESSONS.iter().map(|l| l.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), LESSONS.len());
        assert!(LESSONS.iter().all(|l| !l.variants.is_empty()));
        assert!(find("gather").and_then(|l| l.variant("sequential")).is_some());
        assert!(find("nope").is_none());
    }

    /// A Python file pair's texts, `(Turkish, English)`.
    fn texts(files: Source) -> (&'static str, &'static str) {
        (sources::text(files.tr), sources::text(files.en))
    }

    #[test]
    fn the_gather_lesson_shows_the_seeds_own_python_and_its_english_twin() {
        let (tr, en) = texts(find("gather").unwrap().variants[0].python_file);
        assert!(tr.contains("await asyncio.gather(*tasks)"));
        assert!(tr.contains("print(\"İlk işlem yapılıyor\")"));
        assert!(en.contains("await asyncio.gather(*tasks)"));
        assert!(en.contains("print(\"First task is running\")"));
    }

    #[test]
    fn every_correction_belongs_to_a_variant_and_changes_it() {
        for c in CORRECTIONS {
            let original = find(c.lesson).and_then(|l| l.variant(c.variant)).map(|v| texts(v.python_file));
            let (tr, en) = texts(c.python_file);
            assert!(original.is_some_and(|(otr, oen)| otr != tr && oen != en), "{}/{}", c.lesson, c.variant);
            assert!(std::ptr::eq(correction(c.lesson, c.variant).unwrap(), c));
        }
    }

    /// What in a program the page and the timeline depend on: its `def` and `class` names,
    /// its tasks' `name=` values and its numbers outside strings and comments, in order.
    fn skeleton(python: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in python.lines() {
            let words: Vec<&str> = line.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
            for pair in words.windows(2).filter(|w| w[0] == "def" || w[0] == "class") {
                out.push(format!("{} {}", pair[0], pair[1]));
            }
            if let Some((_, rest)) = line.split_once("name=") {
                out.push(format!("name={}", rest.split(')').next().unwrap_or_default()));
            }
            // The code outside string literals and comments.
            let (mut code, mut quote) = (String::new(), None);
            for c in line.chars() {
                match (quote, c) {
                    (None, '#') => break,
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, c) => code.push(c),
                    _ => {}
                }
            }
            let mut number = String::new();
            let mut after_word = false;
            for c in code.chars().chain([' ']) {
                if c.is_ascii_digit() || (!number.is_empty() && (c == '.' || c == '_')) {
                    if !after_word || !number.is_empty() {
                        number.push(c);
                        continue;
                    }
                } else if !number.is_empty() {
                    out.push(std::mem::take(&mut number));
                }
                after_word = c.is_alphanumeric() || c == '_';
            }
        }
        out
    }

    #[test]
    fn every_english_program_keeps_the_turkish_ones_names_numbers_and_order() {
        let variants =
            LESSONS.iter().flat_map(|l| l.variants.iter().map(move |v| (format!("{}/{}", l.id, v.id), v.python_file)));
        let corrected = CORRECTIONS.iter().map(|c| (format!("{}/{} corrected", c.lesson, c.variant), c.python_file));
        for (id, files) in variants.chain(corrected) {
            let (tr, en) = texts(files);
            assert_eq!(skeleton(tr), skeleton(en), "{id}");
            assert!(!skeleton(tr).is_empty(), "{id}");
            // Only the seeds' texts kept as printed are the same in both languages.
            let kept = correction(id.split('/').next().unwrap(), id.split('/').nth(1).unwrap()).is_some();
            assert_eq!(files.tr == files.en, kept, "{id}: English twin");
            assert_eq!(tr == en, kept, "{id}: English twin");
            assert!(kept || !en.contains(['ç', 'ğ', 'ı', 'ö', 'ş', 'ü', 'İ']), "{id}: Turkish in the English program");
        }
    }

    #[test]
    fn the_skeleton_sees_names_and_numbers_but_not_strings_or_comments() {
        let python =
            "X = 0.04  # 5 sn\nasync def f(i):\n    print(f\"{i} 3 kez\")\n    t = create_task(g(2), name=\"g 1\")\n";
        assert_eq!(skeleton(python), ["0.04", "def f", "name=\"g 1\"", "2"]);
    }

    #[test]
    fn the_code_shown_stops_before_the_catalogue_entry() {
        assert_eq!(sources::MARKER, CATALOGUE_MARKER);
        for lesson in LESSONS {
            assert!(
                sources::text(lesson.rust_file).contains(CATALOGUE_MARKER),
                "{} has no catalogue marker",
                lesson.id
            );
            let code = sources::code(lesson.rust_file);
            assert!(!code.contains("pub static LESSON"), "{}", lesson.id);
            assert!(code.contains("async fn"), "{}", lesson.id);
        }
    }
}
