//! Benchmark exports for `make bench` (feature `bench`, left out of the site's wasm).
//!
//! The workload: N tasks, each yielding M times through a future that wakes itself once,
//! so every task is polled M + 1 times (`runtime::yield_now` on this runtime, [`PlainYield`]
//! on `spawn_local`). The same workload runs on this runtime (trace on or off) and on
//! `wasm_bindgen_futures::spawn_local`, the anchor measured in the same page. Results are
//! nanoseconds per poll: elapsed / (N × (M + 1)).

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use wasm_bindgen::prelude::*;

use crate::runtime::{self, clock, yield_now, Lang, Mode, RunConfig};
use crate::trace;

/// Counts tasks down to zero and wakes whoever waits for zero.
#[derive(Clone)]
struct Latch(Rc<(Cell<u32>, RefCell<Option<Waker>>)>);

impl Latch {
    fn new(count: u32) -> Latch {
        Latch(Rc::new((Cell::new(count), RefCell::new(None))))
    }
    fn count_down(&self) {
        self.0 .0.set(self.0 .0.get() - 1);
        if self.0 .0.get() == 0 {
            if let Some(waker) = self.0 .1.borrow_mut().take() {
                waker.wake();
            }
        }
    }
}

impl Future for Latch {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 .0.get() == 0 {
            return Poll::Ready(());
        }
        *self.0 .1.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

fn per_poll(started: f64, tasks: u32, yields: u32) -> f64 {
    (clock::now() - started) * 1e6 / (f64::from(tasks) * f64::from(yields + 1))
}

/// Nanoseconds per poll on this runtime, with the trace on or off.
#[wasm_bindgen(js_name = benchRuntime)]
pub async fn bench_runtime(tasks: u32, yields: u32, traced: bool) -> f64 {
    trace::set_on(traced);
    let latch = Latch::new(tasks);
    let config =
        RunConfig { lesson: "bench".into(), variant: "bench".into(), speed: 1.0, lang: Lang::En, mode: Mode::Real };
    let started = clock::now();
    let run = runtime::start_run(config, "bench", async move {
        for _ in 0..tasks {
            let latch = latch.clone();
            let _detached = runtime::spawn("worker", async move {
                for _ in 0..yields {
                    yield_now().await;
                }
                latch.count_down();
            });
        }
        latch.await;
    });
    if let Some(finished) = runtime::run_finished(run) {
        finished.await;
    }
    let ns = per_poll(started, tasks, yields);
    trace::set_on(true);
    ns
}

/// A yield as a `spawn_local` task does it, having no runtime of its own to ask: wakes itself
/// through its waker, and is ready when polled again. (`runtime::yield_now` first checks
/// whether the waker is one of its runtime's tasks, to wake it without the waker's indirect
/// call; under `spawn_local` that check would only cost the anchor time.)
struct PlainYield {
    yielded: bool,
}

impl Future for PlainYield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Nanoseconds per poll on `wasm_bindgen_futures::spawn_local`, the same workload, each
/// task yielding with [`PlainYield`].
#[wasm_bindgen(js_name = benchSpawnLocal)]
pub async fn bench_spawn_local(tasks: u32, yields: u32) -> f64 {
    let latch = Latch::new(tasks);
    let started = clock::now();
    for _ in 0..tasks {
        let latch = latch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            for _ in 0..yields {
                PlainYield { yielded: false }.await;
            }
            latch.count_down();
        });
    }
    latch.await;
    per_poll(started, tasks, yields)
}
