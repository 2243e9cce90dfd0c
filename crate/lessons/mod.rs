//! The lessons: one module per seed example, written to read like the seed's Python, and
//! the catalogue the page shows (titles and notes in Turkish and English, the seed's Python
//! and the Rust that actually runs, both embedded from their files).

pub mod async_await;
pub mod blocking;
pub mod doctor;
pub mod event_loop;
pub mod fetch_data;
pub mod gather;
pub mod microtasks;
pub mod params;
pub mod random;
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

/// Where a lesson file's catalogue entry starts; the page shows the source above it.
pub const CATALOGUE_MARKER: &str = "// ---- catalogue";

/// A text in both of the page's languages.
pub struct Text {
    /// Turkish, the seeds' language.
    pub tr: &'static str,
    /// English.
    pub en: &'static str,
}

/// One way to run a lesson (for example gathered or sequential).
pub struct Variant {
    /// Stable id, used in the URL and by `startRun`.
    pub id: &'static str,
    /// Name on the page.
    pub label: Text,
    /// The Python this variant corresponds to (the seed's own code where it has one).
    pub python: &'static str,
    /// Name of the run's root task, the lane its `main` runs in.
    pub root: &'static str,
    /// Makes the root future from checked parameters; nothing runs until the loop polls it.
    pub start: fn(&Args) -> LocalBoxFuture<'static, ()>,
}

/// A button the page shows while the lesson runs; the lesson receives its id through
/// [`crate::runtime::listen_controls`].
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
    /// The lesson's source file; the page shows it up to [`CATALOGUE_MARKER`].
    pub rust: &'static str,
    /// Numbers the learner can change.
    pub params: &'static [Param],
    /// Buttons that act on a live run (fault injection); empty for most lessons.
    pub controls: &'static [Control],
    /// Ways to run it; the first is the default.
    pub variants: &'static [Variant],
}

impl Lesson {
    /// The Rust a learner reads: the lesson's source without its catalogue entry.
    pub fn code(&self) -> &'static str {
        self.rust.split_once(CATALOGUE_MARKER).map_or(self.rust, |(code, _)| code).trim_end()
    }

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
    /// The lesson and variant whose `python` is the seed's text.
    pub lesson: &'static str,
    /// See `lesson`.
    pub variant: &'static str,
    /// The corrected program: what the editor holds and Python mode runs.
    pub python: &'static str,
    /// What was changed, and why.
    pub what: Text,
}

/// Every correction of a seed's program.
pub static CORRECTIONS: &[Correction] = &[
    Correction {
        lesson: "staggered",
        variant: "staggered",
        python: include_str!("staggered_corrected.py"),
        what: Text {
            tr: "run_until_complete(multiconnect) → multiconnect(): bir coroutine ister, fonksiyonu değil \
                 (özgün hâli TypeError verir). multiconnect görevlerini gather ile bekler; yoksa döngü \
                 görevler çalışmadan durur. connect bir saniye sürer ve ne yaptığını yazar.",
            en: "run_until_complete(multiconnect) → multiconnect(): it takes a coroutine, not the function \
                 (as printed it raises TypeError). multiconnect waits for its tasks with gather, or the loop \
                 would stop before they run. connect takes a second and prints what it does.",
        },
    },
    Correction {
        lesson: "websocket",
        variant: "reconnect",
        python: include_str!("websocket_corrected.py"),
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

    #[test]
    fn the_gather_lesson_shows_the_seeds_own_python() {
        let python = find("gather").unwrap().variants[0].python;
        assert!(python.contains("await asyncio.gather(*tasks)"));
        assert!(python.contains("print(\"İlk işlem yapılıyor\")"));
    }

    #[test]
    fn every_correction_belongs_to_a_variant_and_changes_it() {
        for c in CORRECTIONS {
            let original = find(c.lesson).and_then(|l| l.variant(c.variant)).map(|v| v.python);
            assert!(original.is_some_and(|p| p != c.python), "{}/{}", c.lesson, c.variant);
            assert!(std::ptr::eq(correction(c.lesson, c.variant).unwrap(), c));
        }
    }

    #[test]
    fn the_code_shown_stops_before_the_catalogue_entry() {
        for lesson in LESSONS {
            assert!(lesson.rust.contains(CATALOGUE_MARKER), "{} has no catalogue marker", lesson.id);
            assert!(!lesson.code().contains("pub static LESSON"), "{}", lesson.id);
            assert!(lesson.code().contains("async fn"), "{}", lesson.id);
        }
    }
}
