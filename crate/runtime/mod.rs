//! The runtime lessons run on: a single-threaded event loop on the browser's microtask
//! queue, with tasks, `sleep`, `spawn`/`JoinHandle` and `print`, each recorded in the trace.
//!
//! | asyncio                      | here                                   |
//! |------------------------------|----------------------------------------|
//! | `async def` / coroutine      | `async fn` / a lazy future              |
//! | `asyncio.create_task(c)`     | [`spawn`]`("name", c)`                  |
//! | `await task`                 | `handle.await` (a [`JoinHandle`])       |
//! | `asyncio.gather(*tasks)`     | `join_all(handles).await`               |
//! | `asyncio.sleep(s)`           | [`sleep`]`(Duration)`                   |
//! | `print(...)`                 | [`print`]`(turkish, english)`           |
//! | `asyncio.wait_for(c, s)`     | [`timeout`]`(Duration, c)`              |
//! | `asyncio.Queue`              | [`channel`]                             |
//! | `time.sleep(s)` (blocking)   | [`busy`]`(Duration)`                    |
//! | `task.cancel()`              | dropping the future; cancelling a run   |
//!
//! Instruments act on one run while the others go on: [`pause_run`] stops polling its tasks
//! (their wakes are still recorded, and they wait ready in their run's line), [`step_run`]
//! polls exactly one of them, [`resume_run`] lets the run go on. A run started in
//! [`Mode::Virtual`] runs on its own clock: its sleeps wait on virtual timers that fire as
//! soon as the run has nothing else to do, so a lesson of seconds of sleeps ends in
//! milliseconds, in the same order every time, with its records stamped in lesson time.

mod busy;
mod channel;
pub mod clock;
mod context;
mod control;
mod executor;
pub mod host;
mod join;
mod lifecycle;
mod pause;
pub mod queue;
mod registry;
mod run;
mod sleep;
mod task;
mod timeout;
pub mod timer_queue;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use busy::{busy, current_speed};
pub use channel::{channel, Receiver, Recv, Sender};
pub use context::{current, hold_current, raised_current, waiting_on, waking_because};
pub use control::{control_listeners, listen_controls, send_control};
/// The browser console's error channel, through the host seam (the root crate's panic hook).
pub use host::console_error;
#[cfg(not(target_arch = "wasm32"))]
pub use host::run_until_idle;
pub use join::{Cancelled, JoinHandle};
pub use lifecycle::{
    call_soon, cancel_run, live_runs, live_tasks, run_config, run_finished, run_mode, run_now, start_run, threads_turn,
    Lang, Mode, Outcome, RunConfig, RunFinished,
};
pub use pause::{is_paused, pause_run, resume_run, step_run, StepError};
pub use sleep::{call_at, call_at_racing, pending_timers, sleep, Sleep, TimedCall};
pub use timeout::{timeout, Elapsed};

use crate::trace::{self, record::Kind};

/// Starts `future` as a new task of the current run, like `asyncio.create_task`: it runs
/// concurrently from the next tick on, and its lane appears on the timeline as `name` (a
/// literal, `"worker"`, or a `String` made for it, `format!("patient_{n}")`, like asyncio's
/// `name=f"patient_{n}"`). Called outside any task (which lessons never do) it starts a task
/// that belongs to no run.
pub fn spawn<F>(name: impl Into<TaskName>, future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let (parent, run) = current().unwrap_or((0, 0));
    let task = lifecycle::spawn_in(run, parent, &name.into(), |task| join::Body::new(task, future));
    JoinHandle::new(task)
}

/// A task's name, as its lane on the timeline shows it.
pub enum TaskName {
    /// A name written in the code: the trace looks it up once for a burst of spawns under it,
    /// by its address (a literal never changes).
    Literal(&'static str),
    /// A name made for the task.
    Made(String),
}

impl From<&'static str> for TaskName {
    fn from(name: &'static str) -> TaskName {
        TaskName::Literal(name)
    }
}

impl From<String> for TaskName {
    fn from(name: String) -> TaskName {
        TaskName::Made(name)
    }
}

impl TaskName {
    /// Its id in the trace's text table.
    pub(crate) fn text_id(&self) -> u32 {
        match self {
            TaskName::Literal(name) => trace::literal_text(name),
            TaskName::Made(name) => trace::text(name),
        }
    }
}

/// Prints a line of the lesson in the run's language, recorded with the task that printed.
pub fn print(turkish: &str, english: &str) {
    let (task, run) = current().unwrap_or((0, 0));
    let lang = run_config(run).map_or(Lang::En, |c| c.lang);
    let line = if lang == Lang::Tr { turkish } else { english };
    trace::record(Kind::Print, run, task, trace::text(line), 0);
}

/// Gives the loop to the other ready tasks once, like `await asyncio.sleep(0)`.
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future returned by [`yield_now`]: wakes itself, so it is polled again next in line.
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        executor::wake_by_ref(cx.waker());
        Poll::Pending
    }
}
