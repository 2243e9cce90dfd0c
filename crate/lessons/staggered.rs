//! Staggered starts (seed 001, "Sırayla Çalışan İşlemler").
//!
//! `wrapper` waits `delay` before it awaits the coroutine it was given. Every connection is
//! a task created at once, but connection `i` is delayed by `step · i`, so they start one
//! after another like a staircase, without anyone waiting for the previous one to finish.

use std::future::Future;
use std::time::Duration;

use futures::future::join_all;

use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{print, sleep, spawn};

async fn connect(i: u32, takes: Duration) {
    print(&format!("{i}. bağlantı kuruluyor"), &format!("Connection {i}: connecting"));
    sleep(takes).await;
    print(&format!("{i}. bağlantı kuruldu"), &format!("Connection {i}: connected"));
}

/// Sleeps `delay`, then runs `coro` and returns what it returns.
async fn wrapper<F: Future>(delay: Duration, coro: F) -> F::Output {
    sleep(delay).await;
    coro.await
}

/// The seed's `multiconnect`, fixed: it keeps its tasks and awaits them all, otherwise the
/// loop would stop as soon as the tasks were created.
async fn multiconnect(count: u32, step: Duration, takes: Duration) {
    let tasks: Vec<_> =
        (0..count).map(|i| spawn(format!("connect_{i}"), wrapper(step * i, connect(i, takes)))).collect();
    join_all(tasks).await;
}

/// Every connection at once, no wrapper: all start on the same tick.
async fn connect_all(count: u32, takes: Duration) {
    let tasks: Vec<_> = (0..count).map(|i| spawn(format!("connect_{i}"), connect(i, takes))).collect();
    join_all(tasks).await;
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "staggered",
    title: Text { tr: "Sırayla başlayan işlemler", en: "Staggered starts" },
    summary: Text {
        tr: "wrapper, verilen coroutine'i await etmeden önce delay kadar uyur. multiconnect connect görevlerini (varsayılan beş) hemen oluşturur, ama i. bağlantı adım · i (0.4 · i) saniye \
             sonra başlar. Örneğin özgün kodunda iki hata var: run_until_complete(multiconnect) fonksiyonu \
             çağırmadan veriyor (multiconnect() olmalı) ve görevler await edilmediği için döngü hemen \
             biter. Rust hâli bütün görevleri bekler.",
        en: "wrapper sleeps for delay before it awaits the coroutine it was given. multiconnect creates \
             the connect tasks (five by default) at once, but connection i starts step · i (0.4 · i) \
             seconds later. The example's code has two bugs: run_until_complete(multiconnect) passes the \
             function without calling it (it should be multiconnect()), and since the tasks are never \
             awaited the loop would end at once. The Rust version awaits every task.",
    },
    notice: Text {
        tr: "Bütün connect şeritleri aynı anda açılır ama her biri önce wrapper'ın uykusunda bekler: \
             bağlantı satırları bir merdiven gibi adım adım sağa kayar. Bağlantı süresi adımdan uzunsa \
             bağlantılar üst üste biner; hiçbiri öncekinin bitmesini beklemez. 'hepsi birden' çeşidinde \
             bütün bağlantılar aynı döngü turunda başlar.",
        en: "All connect lanes open at once, but each first waits in wrapper's sleep: the connecting \
             lines step to the right like a staircase. When a connection takes longer than the step, \
             connections overlap; none waits for the previous one to finish. In the 'all at once' \
             variant every connection starts in the same loop pass.",
    },
    seed: "001 · Sırayla Çalışan İşlemler",
    rust_file: "staggered.rs",
    controls: &[],
    params: &[
        Param::count("count", Text { tr: "Bağlantı sayısı", en: "Connections" }, 1.0, 10.0, 5.0),
        Param::seconds("step", Text { tr: "Adım (delay)", en: "Step (delay)" }, 0.0, 3.0, 0.4),
        Param::seconds("takes", Text { tr: "Bağlantı süresi", en: "Connecting takes" }, 0.0, 3.0, 0.2),
    ],
    variants: &[
        Variant {
            id: "staggered",
            label: Text { tr: "wrapper ile sırayla", en: "staggered with wrapper" },
            python_file: py!(seed "staggered"),
            root: "multiconnect",
            start: |args: &Args| Box::pin(multiconnect(args.count("count"), args.secs("step"), args.secs("takes"))),
        },
        Variant {
            id: "at-once",
            label: Text { tr: "hepsi birden", en: "all at once" },
            python_file: py!("staggered_at_once"),
            root: "connect_all",
            start: |args: &Args| Box::pin(connect_all(args.count("count"), args.secs("takes"))),
        },
    ],
};
