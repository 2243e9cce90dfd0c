//! `async` and `await` (seeds 000 and 004, "Anahtar kelimeler" and "Asenkron Fonksiyonlar
//! ve await").
//!
//! Calling an async function only builds a future (Python: a coroutine object); nothing in
//! it runs until it is awaited. `await` runs it to the end before going on, and while the
//! awaited work waits, the loop runs other tasks.

use std::time::Duration;

use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{print, sleep, spawn};

async fn yfonksiyonu() {
    print("yfonksiyonu çalışıyor", "yfonksiyonu is running");
    sleep(Duration::from_secs(1)).await;
    print("yfonksiyonu bitti", "yfonksiyonu is done");
}

/// The seed's own example: `await` means "wait until this is done", so the sleep ends
/// before `yfonksiyonu` starts.
async fn xfonksiyonu(wait: Duration) {
    print("ıvır zıvır", "odds and ends");
    sleep(wait).await;
    yfonksiyonu().await;
}

/// A future that is never awaited never runs: no task, no poll, no line printed.
async fn lazy(wait: Duration) {
    let coroutine = xfonksiyonu(wait);
    print(
        "xfonksiyonu() çağrıldı: bir coroutine nesnesi döndü, ama içinden hiçbir şey çalışmadı",
        "xfonksiyonu() was called: it returned a coroutine object, but nothing in it ran",
    );
    // Python would warn here: "coroutine 'xfonksiyonu' was never awaited".
    drop(coroutine);
    print("await edilmeden bırakıldı; şimdi await ediyoruz:", "Dropped without an await; now we await one:");
    xfonksiyonu(wait).await;
}

async fn background() {
    for step in 1..=3 {
        print(&format!("Arka plan işi: adım {step}"), &format!("Background work: step {step}"));
        sleep(Duration::from_millis(500)).await;
    }
}

/// While `main` awaits its sleep, it gives the loop away and the background task runs.
async fn main(wait: Duration) {
    let task = spawn("background", background());
    print("main bekliyor (await)", "main is waiting (await)");
    sleep(wait).await;
    print("main uyandı", "main woke up");
    let _ = task.await;
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "async-await",
    title: Text { tr: "async ve await", en: "async and await" },
    summary: Text {
        tr: "async bir fonksiyonu çağırmak onu çalıştırmaz: yalnızca bir coroutine oluşturur. await onu sonuna kadar çalıştırır ve sonra devam eder; beklerken de olay döngüsünü diğer görevlere bırakır.",
        en: "Calling an async function does not run it: it only creates a coroutine. await runs it to the end before going on, and while it waits it hands the loop \
             to the other tasks.",
    },
    notice: Text {
        tr: "“await edilmeyen coroutine” çeşidinde coroutine zaman çizelgesinde hiç görünmez; ne \
             şeridi ne adımı ne de yazdığı bir satır vardır (Python yalnızca uyarır: RuntimeWarning: \
             coroutine 'xfonksiyonu' was never awaited). “sırayla await”: xfonksiyonu'nun uykusu \
             bitmeden yfonksiyonu başlamaz, beklemeler art arda dizilir. “await döngüyü bırakır”: main \
             uyurken background şeridi çalışır; main'in bekleme çubuğunun altında background'ın \
             adımları görünür.",
        en: "In “a coroutine never awaited” the coroutine never shows on the timeline: no lane, no \
             step, no printed line (Python only warns: RuntimeWarning: coroutine 'xfonksiyonu' was \
             never awaited). “await one after another”: yfonksiyonu starts only after xfonksiyonu's \
             sleep is over, so the waits line up one after the other. “await hands over the loop”: \
             while main sleeps, the background lane runs; its steps appear under main's waiting bar.",
    },
    seed: "000 · Anahtar kelimeler",
    rust_file: "async_await.rs",
    controls: &[],
    params: &[Param::seconds("wait", Text { tr: "Uyku süresi", en: "Sleep" }, 0.1, 10.0, 3.0)],
    variants: &[
        Variant {
            id: "lazy",
            label: Text { tr: "await edilmeyen coroutine", en: "a coroutine never awaited" },
            python_file: py!("async_await_lazy"),
            root: "main",
            start: |args: &Args| Box::pin(lazy(args.secs("wait"))),
        },
        Variant {
            id: "sequential",
            label: Text { tr: "sırayla await", en: "await one after another" },
            python_file: py!("async_await_sequential"),
            root: "xfonksiyonu",
            start: |args: &Args| Box::pin(xfonksiyonu(args.secs("wait"))),
        },
        Variant {
            id: "yield",
            label: Text { tr: "await döngüyü bırakır", en: "await hands over the loop" },
            python_file: py!("async_await_yield"),
            root: "main",
            start: |args: &Args| Box::pin(main(args.secs("wait"))),
        },
    ],
};
