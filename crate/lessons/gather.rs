//! Two tasks at once (seed 001, "Birden Fazla Task Çalıştırma").
//!
//! `first_task` and `second_task` each print, sleep one second, and print again. Gathered,
//! both sleep at the same time and the run takes about 1 s; awaited one after the other,
//! about 2 s.

use std::time::Duration;

use futures::future::join_all;

use crate::runtime::{print, sleep, spawn};

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
