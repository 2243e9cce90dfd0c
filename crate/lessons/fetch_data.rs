//! Tasks with results (seed 004, "Pratik Bir Örnek").
//!
//! `main` creates two tasks that fetch data after 2 s and 3 s, then gathers their results
//! in order. Both fetches wait at the same time, so the program takes about 3 s, not 5.

use std::time::Duration;

use futures::future::join;

use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{print, sleep, spawn};

async fn fetch_data(delay: f64) -> String {
    print(
        &format!("{delay} saniye gecikmeyle veri getirme başladı"),
        &format!("Fetching data with a {delay} second delay"),
    );
    // Simulates I/O-bound work such as a network call.
    sleep(Duration::from_secs_f64(delay)).await;
    print("Veri getirme tamamlandı", "Data fetched");
    format!("{delay} saniye sonraki veri")
}

/// `asyncio.create_task` twice, then `await asyncio.gather(task1, task2)`.
pub async fn main(first: f64, second: f64) {
    print("Ana program başlıyor", "Main program starting");

    // Schedule both tasks at once: they start on the next tick.
    let task1 = spawn("fetch_data_1", fetch_data(first));
    let task2 = spawn("fetch_data_2", fetch_data(second));

    // Wait until both are done; results come back in the order the tasks were given.
    let (result1, result2) = join(task1, task2).await;

    for result in [result1, result2].into_iter().flatten() {
        print(&result, &result.replace("saniye sonraki veri", "seconds later data"));
    }
    print("Ana program tamamlandı", "Main program done");
}

/// The same fetches awaited one by one: the second starts only when the first is done.
pub async fn main_sequential(first: f64, second: f64) {
    print("Ana program başlıyor", "Main program starting");
    let result1 = fetch_data(first).await;
    let result2 = fetch_data(second).await;
    for result in [result1, result2] {
        print(&result, &result.replace("saniye sonraki veri", "seconds later data"));
    }
    print("Ana program tamamlandı", "Main program done");
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "fetch-data",
    title: Text { tr: "Sonuç döndüren görevler", en: "Tasks with results" },
    summary: Text {
        tr: "main iki görev oluşturur: biri 2, diğeri 3 saniye sonra veri getirir. gather sonuçları \
             verilen sırayla döndürür.",
        en: "main creates two tasks: one fetches data after 2 seconds, the other after 3. gather \
             returns their results in the order the tasks were given.",
    },
    notice: Text {
        tr: "İki fetch_data aynı anda bekler: program 2 + 3 = 5 değil, en uzun bekleme kadar, yaklaşık \
             3 sn sürer. Sıralı çeşitte bekleyişler art arda gelir.",
        en: "Both fetch_data tasks wait at the same time: the program takes about as long as the \
             longest wait, about 3 s, not 2 + 3 = 5. In the sequential variant the waits follow \
             one another.",
    },
    seed: "004 · Pratik Bir Örnek",
    rust_file: "fetch_data.rs",
    controls: &[],
    params: &[
        Param::seconds("first", Text { tr: "1. gecikme", en: "First delay" }, 0.1, 10.0, 2.0),
        Param::seconds("second", Text { tr: "2. gecikme", en: "Second delay" }, 0.1, 10.0, 3.0),
    ],
    variants: &[
        Variant {
            id: "gather",
            label: Text { tr: "create_task + gather", en: "create_task + gather" },
            python_file: py!("fetch_data"),
            root: "main",
            start: |args: &Args| Box::pin(main(args.get("first"), args.get("second"))),
        },
        Variant {
            id: "sequential",
            label: Text { tr: "sırayla await", en: "await one by one" },
            python_file: py!("fetch_data_sequential"),
            root: "main",
            start: |args: &Args| Box::pin(main_sequential(args.get("first"), args.get("second"))),
        },
    ],
};
