//! Two tasks at once (seed 001, "Birden Fazla Task Çalıştırma").
//!
//! `first_task` and `second_task` each print, sleep one second, and print again. Gathered,
//! both sleep at the same time and the run takes about 1 s; awaited one after the other,
//! about 2 s.

use std::time::Duration;

use futures::future::join_all;

use super::{Lesson, Text, Variant};
use loopscope_core::runtime::{print, sleep, spawn};

async fn first_task() {
    print("İlk işlem yapılıyor", "First task is running");
    sleep(Duration::from_secs(1)).await;
    print("İlk işlem tamamlandı", "First task is done");
}

async fn second_task() {
    print("İkinci işlem yapılıyor", "Second task is running");
    sleep(Duration::from_secs(1)).await;
    print("İkinci işlem tamamlandı", "Second task is done");
}

/// `await asyncio.gather(first_task(), second_task())`: gather wraps each coroutine in a
/// task, so both are on the loop at once and their sleeps overlap.
pub async fn run_tasks() {
    let tasks = vec![spawn("first_task", first_task()), spawn("second_task", second_task())];
    join_all(tasks).await;
}

/// Each task awaited before the next is created: the second starts when the first is done.
pub async fn run_sequentially() {
    let _ = spawn("first_task", first_task()).await;
    let _ = spawn("second_task", second_task()).await;
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "gather",
    title: Text { tr: "Aynı anda iki görev", en: "Two tasks at once" },
    summary: Text {
        tr: "first_task ve second_task birer saniye uyur. gather ile ikisi aynı anda bekler; \
             sırayla await edilince biri diğerini bekler.",
        en: "first_task and second_task each sleep for one second. Gathered, they wait at the \
             same time; awaited one after the other, each waits for the previous one.",
    },
    notice: Text {
        tr: "gather ile iki görevin bekleme çubukları üst üste biner ve çalışma yaklaşık 1 sn sürer; \
             sıralı çalışmada çubuklar art arda dizilir ve yaklaşık 2 sn sürer.",
        en: "Gathered, the two tasks' waiting bars overlap and the run takes about 1 s; run \
             sequentially, the bars line up one after the other and it takes about 2 s.",
    },
    seed: "001 · Birden Fazla Task Çalıştırma",
    rust_file: "gather.rs",
    controls: &[],
    params: &[],
    variants: &[
        Variant {
            id: "gather",
            label: Text { tr: "gather (aynı anda)", en: "gather (at once)" },
            python_file: py!("gather"),
            root: "run_tasks",
            start: |_| Box::pin(run_tasks()),
        },
        Variant {
            id: "sequential",
            label: Text { tr: "sırayla", en: "sequential" },
            python_file: py!("gather_sequential"),
            root: "run_sequentially",
            start: |_| Box::pin(run_sequentially()),
        },
    ],
};
