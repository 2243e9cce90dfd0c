//! Timeouts, races and cancellation (seed 001's `asyncio.wait_for`, seed 004's "await").
//!
//! In Rust, cancelling is dropping: a future that is dropped while it waits never runs
//! again, and the timer it was waiting on is cleared with it. `wait_for` (our `timeout`)
//! drops the operation when the limit comes first; a race drops the loser; a cancelled task
//! drops its work where it was waiting.

use std::time::Duration;

use futures::future::{select, Either};

use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{print, sleep, spawn, timeout, Cancelled, Elapsed};

async fn operation(seconds: f64) -> String {
    print(&format!("İşlem başladı, {seconds} saniye sürecek"), &format!("Operation started, takes {seconds} s"));
    sleep(Duration::from_secs_f64(seconds)).await;
    print("İşlem tamamlandı", "Operation done");
    format!("{seconds} saniyelik işlemin sonucu")
}

fn print_result(result: &str) {
    print(result, &result.replace("saniyelik işlemin sonucu", "second operation's result"));
}

/// `asyncio.wait_for(operation(s), timeout=limit)`, once for a slow operation and once for
/// a fast one.
async fn wait_for(limit: f64, slow: f64, fast: f64) {
    for seconds in [slow, fast] {
        match timeout(Duration::from_secs_f64(limit), operation(seconds)).await {
            Ok(result) => print_result(&result),
            // The operation was dropped mid-sleep: its timer is cleared and it never prints "done".
            Err(Elapsed) => print(
                &format!("Zaman aşımı: işlem {limit} saniyede bitmedi ve iptal edildi"),
                &format!("Timeout: the operation did not finish in {limit} s and was cancelled"),
            ),
        }
    }
}

async fn fetch(server: &str, seconds: f64) -> String {
    print(&format!("{server} sunucusuna istek gönderildi"), &format!("Request sent to server {server}"));
    sleep(Duration::from_secs_f64(seconds)).await;
    print(&format!("{server} yanıt verdi"), &format!("{server} replied"));
    server.to_string()
}

/// Two requests race as two tasks, as `asyncio.wait(..., return_when=FIRST_COMPLETED)` races
/// them; the first reply wins and the other task is cancelled where it waits (its timer is
/// cleared with it).
async fn race(slow: f64, fast: f64) {
    let a = spawn("fetch A", fetch("A", slow));
    let b = spawn("fetch B", fetch("B", fast));
    let (winner, loser) = match select(a, b).await {
        Either::Left((reply, b)) => (reply, b),
        Either::Right((reply, a)) => (reply, a),
    };
    let winner = winner.unwrap_or_default();
    print(&format!("Kazanan: {winner} sunucusunun yanıtı"), &format!("Winner: server {winner}'s reply"));
    // `loser.cancel()`: the losing request stops where it waits and never replies.
    loser.abort();
    let _ = loser.await;
    print("Kaybeden istek iptal edildi", "The losing request was cancelled");
}

/// `task = asyncio.create_task(operation(slow))`, then `task.cancel()` after `limit`. Our
/// `abort()` drops the task's future where it waits, as `task.cancel()` raises
/// `CancelledError` at the task's `await`; awaiting the handle then gives `Err(Cancelled)`.
async fn cancel_task(limit: f64, slow: f64) {
    let task = spawn("operation", operation(slow));
    sleep(Duration::from_secs_f64(limit)).await;
    print("main: task.cancel()", "main: task.cancel()");
    task.abort();
    match task.await {
        Ok(result) => print_result(&result),
        Err(Cancelled) => print("main: görev iptal edildi", "main: the task was cancelled"),
    }
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "timeouts",
    title: Text { tr: "Zaman aşımı, yarış ve iptal", en: "Timeouts, races and cancellation" },
    summary: Text {
        tr: "wait_for bir işlemi en çok belirli bir süre bekler; süre dolunca işlemi iptal eder. Yarışta \
             ilk gelen yanıt kullanılır, diğeri iptal edilir. Bir görev dışarıdan da iptal edilebilir: beklediği zamanlayıcı da onunla birlikte silinir.",
        en: "wait_for waits for an operation at most a given time and cancels it when the time is up. In \
             a race the first reply is used and the other is cancelled. A task can also be cancelled from outside: the timer it waited on is cleared with it.",
    },
    notice: Text {
        tr: "wait_for: yavaş işlemin bekleyişi, süre sınırında kesilir; 'İşlem tamamlandı' satırı hiç \
             gelmez, hızlı işlem ise zamanında biter. yarış: yalnızca kazananın zamanlayıcısı çalar. görev iptali: operation şeridi, main task.cancel() dediği anda, işi bitmeden 'iptal' işaretiyle biter.",
        en: "wait_for: the slow operation's wait is cut off at the limit; its 'Operation done' line never \
             comes, while the fast one finishes in time. race: only the winner's timer fires. task \
             cancel: the operation lane ends with a 'cancelled' mark the moment main calls \
             task.cancel(), before its work is done.",
    },
    seed: "001 · Async ile Websocket (wait_for)",
    rust_file: "timeouts.rs",
    controls: &[],
    params: &[
        Param::seconds("limit", Text { tr: "Süre sınırı", en: "Time limit" }, 0.1, 10.0, 1.0),
        Param::seconds("slow", Text { tr: "Yavaş işlem", en: "Slow operation" }, 0.1, 10.0, 3.0),
        Param::seconds("fast", Text { tr: "Hızlı işlem", en: "Fast operation" }, 0.1, 10.0, 0.5),
    ],
    variants: &[
        Variant {
            id: "wait_for",
            label: Text { tr: "wait_for (zaman aşımı)", en: "wait_for (timeout)" },
            python_file: py!("timeouts_wait_for"),
            root: "main",
            start: |args: &Args| Box::pin(wait_for(args.get("limit"), args.get("slow"), args.get("fast"))),
        },
        Variant {
            id: "race",
            label: Text { tr: "yarış", en: "race" },
            python_file: py!("timeouts_race"),
            root: "main",
            start: |args: &Args| Box::pin(race(args.get("slow"), args.get("fast"))),
        },
        Variant {
            id: "cancel",
            label: Text { tr: "görev iptali", en: "task cancel" },
            python_file: py!("timeouts_cancel"),
            root: "main",
            start: |args: &Args| Box::pin(cancel_task(args.get("limit"), args.get("slow"))),
        },
    ],
};
