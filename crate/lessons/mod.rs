//! The lessons: one module per seed example, written to read like the seed's Python, and
//! the catalogue the page shows (titles and notes in Turkish and English, the seed's Python
//! and the Rust that actually runs, both embedded from their files).

pub mod gather;

use futures::future::LocalBoxFuture;

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
    /// Makes the root future; nothing runs until the loop polls it.
    pub start: fn() -> LocalBoxFuture<'static, ()>,
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
    /// The Rust source that runs, shown beside the Python.
    pub rust: &'static str,
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
pub static LESSONS: &[Lesson] = &[Lesson {
    id: "gather",
    title: Text { tr: "Aynı anda iki task", en: "Two tasks at once" },
    summary: Text {
        tr: "first_task ve second_task birer saniye uyur. gather ile ikisi aynı anda bekler; \
             sırayla await edilince biri diğerini bekler.",
        en: "first_task and second_task each sleep for one second. Gathered, they wait at the \
             same time; awaited one after the other, each waits for the previous one.",
    },
    notice: Text {
        tr: "gather ile iki task'ın bekleme çubukları üst üste biner ve çalışma yaklaşık 1 sn sürer; \
             sıralı çalışmada çubuklar art arda dizilir ve yaklaşık 2 sn sürer.",
        en: "Gathered, the two tasks' waiting bars overlap and the run takes about 1 s; run \
             sequentially, the bars line up one after the other and it takes about 2 s.",
    },
    rust: include_str!("gather.rs"),
    variants: &[
        Variant {
            id: "gather",
            label: Text { tr: "gather (aynı anda)", en: "gather (at once)" },
            python: include_str!("gather.py"),
            root: "run_tasks",
            start: || Box::pin(gather::run_tasks()),
        },
        Variant {
            id: "sequential",
            label: Text { tr: "sırayla", en: "sequential" },
            python: include_str!("gather_sequential.py"),
            root: "run_sequentially",
            start: || Box::pin(gather::run_sequentially()),
        },
    ],
}];

/// The lesson with this id.
pub fn find(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
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
}
