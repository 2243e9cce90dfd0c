//! The runtime's promises to the page, checked in a real browser.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{config, wait_ms};
use loopscope::runtime::clock;
use loopscope::runtime::{self, yield_now, Lang, Mode, Outcome};
use loopscope::trace::{self, record::Kind, record::WakeCause, record::FINISH_RAISED};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_long_burst_of_ready_tasks_hands_the_browser_a_turn() {
    // At least this many yields, and for at least a few time slices: a fast machine runs
    // 100,000 yields within one 8 ms slice.
    const YIELDS: usize = 100_000;
    const BURST_MS: f64 = 40.0;
    let cursor = trace::head();
    let done = Rc::new(Cell::new(false));
    let yields = Rc::new(Cell::new(0_usize));
    let (flag, count) = (Rc::clone(&done), Rc::clone(&yields));
    let run = runtime::start_run(config("burst", "burst", 1.0, Lang::En), "spinner", async move {
        // Far more than one time slice of polls, all self-wakes.
        let until = clock::real_now() + BURST_MS;
        while count.get() < YIELDS || clock::real_now() < until {
            yield_now().await;
            count.set(count.get() + 1);
        }
        flag.set(true);
    });
    let finished = runtime::run_finished(run).unwrap();
    // Macrotasks queued from here can only run before the burst ends if the loop hands
    // over; each turn reads what the loop recorded since, as the page does every frame.
    // The burst writes ~5 ring-fulls, and the browser may run several slices between two
    // timer turns, so a reader can fall a ring behind: the page says so; this test skips
    // the lost records and checks what it reads.
    let (mut seen, mut records, mut turns_during_burst) = (cursor, Vec::new(), 0);
    while runtime::live_runs() > 0 {
        wait_ms(0).await;
        turns_during_burst += usize::from(!done.get());
        let (new, _lost) = trace::since(seen);
        seen = trace::head(); // a cursor counts slots; a folded poll reads as several records
        records.extend(new);
    }
    assert_eq!(finished.await, Outcome::Finished);
    assert!(turns_during_burst >= 1, "the burst ran to the end without letting a macrotask run");
    let handovers = records.iter().filter(|r| r.kind == Kind::TickEnd as u32 && r.b == 1).count();
    assert!(handovers >= 1, "no tick ended by handing over");
    // Every yield was a self-wake and a poll: the last poll is numbered yields + 1.
    let polls = records.iter().filter(|r| r.run == run && r.kind == Kind::PollStart as u32).map(|r| r.a).max();
    assert_eq!(polls, Some(yields.get() as u32 + 1));
    assert!(records
        .iter()
        .filter(|r| r.run == run && r.kind == Kind::Wake as u32 && r.a != WakeCause::External as u32)
        .all(|r| r.a == WakeCause::SelfWake as u32));
}

#[wasm_bindgen_test]
async fn the_trace_can_be_turned_off_and_the_loop_still_runs() {
    trace::set_on(false);
    let before = trace::head();
    let run = common::start("gather", "gather", 100.0, Lang::En);
    let outcome = runtime::run_finished(run).unwrap().await;
    trace::set_on(true);
    assert_eq!(outcome, Outcome::Finished);
    assert_eq!(trace::head(), before);
}

#[wasm_bindgen_test]
async fn two_hundred_runs_in_a_row_leave_no_task_and_do_not_grow_memory() {
    let memory_bytes = || {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().into();
        js_sys::ArrayBuffer::from(memory.buffer()).byte_length()
    };
    let mut warm = 0;
    for i in 0..200 {
        // 1 s is 2 ms here; every other run is reset midway, like a learner pressing Reset.
        let run = common::start("gather", "gather", 500.0, Lang::Tr);
        if i % 2 == 0 {
            assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
        } else {
            wait_ms(1).await;
            runtime::cancel_run(run);
        }
        assert_eq!(
            (runtime::live_tasks(), runtime::live_runs(), runtime::pending_timers()),
            (0, 0, 0),
            "after run {i}"
        );
        if i == 19 {
            warm = memory_bytes();
        }
    }
    let grown = memory_bytes() - warm;
    assert!(grown <= 256 * 1024, "memory grew by {grown} bytes over 180 runs");
}

/// A poll that works, then yields, and records nothing else is drawn as long as it took: its
/// start is stamped at its start, even though it is written only at its end.
#[wasm_bindgen_test]
async fn a_timed_poll_that_records_nothing_keeps_its_start_time() {
    const WORK_MS: u64 = 20;
    let cursor = trace::head();
    let run = runtime::start_run(config("test", "work-then-yield", 1.0, Lang::En), "main", async {
        let worker = runtime::spawn("worker", async {
            runtime::busy(std::time::Duration::from_millis(WORK_MS));
            yield_now().await;
        });
        worker.await.unwrap();
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let t = common::trace_of(run, cursor);
    let worker = t.task("worker");
    let start = t.first(Kind::PollStart, worker);
    let end = t.first(Kind::PollEnd, worker);
    assert_eq!((start.a, end.a), (1, 0), "the first poll, which suspended");
    assert!(start.time.is_finite() && end.time.is_finite());
    assert!(end.time - start.time >= WORK_MS as f64 / 2.0, "the working poll lasted {} ms", end.time - start.time);
}

/// A waker that counts its wakes.
struct CountingWaker(Cell<u32>);

impl CountingWaker {
    fn waker(this: &Rc<CountingWaker>) -> std::task::Waker {
        use std::task::{RawWaker, RawWakerVTable};
        unsafe fn clone(p: *const ()) -> RawWaker {
            // SAFETY: `p` comes from `Rc::into_raw` of a live `Rc<CountingWaker>`.
            unsafe { Rc::increment_strong_count(p.cast::<CountingWaker>()) };
            RawWaker::new(p, &VTABLE)
        }
        unsafe fn wake(p: *const ()) {
            // SAFETY: an owned waker holds one count, handed back here.
            unsafe { wake_by_ref(p) };
            unsafe { drop_raw(p) };
        }
        unsafe fn wake_by_ref(p: *const ()) {
            // SAFETY: the waker keeps the counter alive for this call.
            let counter = unsafe { &*p.cast::<CountingWaker>() };
            counter.0.set(counter.0.get() + 1);
        }
        unsafe fn drop_raw(p: *const ()) {
            // SAFETY: an owned waker holds one count, released here.
            drop(unsafe { Rc::from_raw(p.cast::<CountingWaker>()) });
        }
        static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_raw);
        let raw = RawWaker::new(Rc::into_raw(Rc::clone(this)).cast(), &VTABLE);
        // SAFETY: the vtable above treats the pointer as an `Rc<CountingWaker>` it owns a count of.
        unsafe { std::task::Waker::from_raw(raw) }
    }
}

/// Whoever awaits a task is woken when the task is cancelled, even before its first poll.
#[wasm_bindgen_test]
async fn aborting_a_task_before_its_first_poll_wakes_whoever_awaits_it() {
    use std::future::Future;
    use std::task::{Context, Poll};
    let mut handle = runtime::spawn("never-polled", async { 7 });
    let counter = Rc::new(CountingWaker(Cell::new(0)));
    let waker = CountingWaker::waker(&counter);
    let mut cx = Context::from_waker(&waker);
    assert!(std::pin::Pin::new(&mut handle).poll(&mut cx).is_pending(), "the task has not run yet");
    handle.abort();
    assert_eq!(counter.0.get(), 1, "the awaiting side was woken by the cancel");
    assert_eq!(std::pin::Pin::new(&mut handle).poll(&mut cx), Poll::Ready(Err(runtime::Cancelled)));
    assert_eq!(runtime::live_tasks(), 0);
}

/// A real run's poll that follows a virtual run's poll in the same tick starts when that one
/// ended, not at the tick's start (the two runs keep different clocks; the tick is real), and
/// the real time the virtual poll took is not on its own clock (only declared time is).
#[wasm_bindgen_test]
async fn a_poll_after_a_virtual_runs_poll_in_the_same_tick_starts_when_that_one_ended() {
    // Well under the 8 ms slice, so the real run's poll follows in the same tick; a machine
    // that stalls past the slice hands over between them instead, and the pair is run again.
    const SPIN_MS: f64 = 3.0;
    for _attempt in 0..3 {
        let cursor = trace::head();
        let slow = runtime::start_run(
            common::config_in(Mode::Virtual, "test", "virtual-work", 1.0, Lang::En),
            "main",
            async {
                let until = clock::real_now() + SPIN_MS;
                while clock::real_now() < until {}
            },
        );
        // Polled right after it: works, yields, and records nothing else in that poll.
        let real = runtime::start_run(config("test", "real-work", 1.0, Lang::En), "main", async {
            runtime::busy(std::time::Duration::from_millis(1));
            yield_now().await;
        });
        let (slow_end, real_end) = (runtime::run_finished(slow).unwrap(), runtime::run_finished(real).unwrap());
        assert_eq!(slow_end.await, Outcome::Finished);
        assert_eq!(real_end.await, Outcome::Finished);
        let records = common::records_since(cursor);
        let of_slow =
            |kind: Kind| records.iter().find(|r| r.run == slow && r.task != 0 && r.kind == kind as u32).unwrap();
        let (slow_start, slow_stop) = (of_slow(Kind::PollStart), of_slow(Kind::PollEnd));
        assert_eq!(slow_stop.time, slow_start.time, "a spin is not declared: no virtual time passed");
        let t = common::trace_of(real, cursor);
        let real_start = t.first(Kind::PollStart, t.task("main"));
        let tick = records.iter().rev().find(|r| r.kind == Kind::TickStart as u32 && r.seq < real_start.seq).unwrap();
        if slow_stop.seq < tick.seq {
            continue; // handed over between the two polls: not the case under test
        }
        assert!(
            real_start.time - tick.time >= SPIN_MS - 1.0,
            "the real run's poll starts {} ms into the tick, before the virtual run's {SPIN_MS} ms poll ended",
            real_start.time - tick.time
        );
        return;
    }
    panic!("three times the loop handed over between the two polls: the machine is too busy to test this");
}

/// Wakes itself, then wakes another task (by spawning it), in one poll; ready the next time.
struct WakeSelfThenSpawn(bool);

impl std::future::Future for WakeSelfThenSpawn {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        drop(runtime::spawn("second", async {})); // detached: dropping the handle keeps it running
        std::task::Poll::Pending
    }
}

/// Tasks run in the order they were woken, also when a task woke itself before waking another
/// in the same poll (the loop puts a task that woke itself back at the place of its wake).
#[wasm_bindgen_test]
async fn a_task_that_wakes_itself_then_another_runs_first() {
    let cursor = trace::head();
    let run = runtime::start_run(config("test", "wake-order", 1.0, Lang::En), "main", async {
        runtime::spawn("first", WakeSelfThenSpawn(false)).await.unwrap();
        runtime::yield_now().await; // lets second run before the run ends
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let t = common::trace_of(run, cursor);
    let (first, second) = (t.task("first"), t.task("second"));
    let polls: Vec<u32> =
        t.of(Kind::PollStart).map(|r| r.task).filter(|&task| task == first || task == second).collect();
    assert_eq!(polls, [first, first, second], "first woke itself, then woke second");
    let wakes: Vec<(u32, u32)> =
        t.of(Kind::Wake).filter(|r| r.task == first || r.task == second).map(|r| (r.task, r.a)).collect();
    assert_eq!(
        wakes,
        [(first, WakeCause::Task as u32), (first, WakeCause::SelfWake as u32), (second, WakeCause::Task as u32)]
    );
}

/// Sets its flag when dropped: shows when a task's future goes.
struct DropProbe(Rc<Cell<bool>>);

impl Drop for DropProbe {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// Keeps the waker of the task that polls it and finishes at once, holding a probe until
/// it is dropped: as a run's root future (no wrapper), it is dropped by the loop's finish.
struct StealWakerThenFinish {
    stolen: Rc<Cell<Option<std::task::Waker>>>,
    _probe: DropProbe,
}

impl std::future::Future for StealWakerThenFinish {
    type Output = ();
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        self.stolen.set(Some(cx.waker().clone()));
        std::task::Poll::Ready(())
    }
}

/// A task and its future share one allocation, yet the future goes when the task finishes,
/// not when the last waker of the task does; and a waker that outlives its task wakes nothing.
#[wasm_bindgen_test]
async fn a_finished_tasks_future_is_dropped_while_its_waker_lives_on() {
    let (dropped, stolen) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(None)));
    let root = StealWakerThenFinish { stolen: stolen.clone(), _probe: DropProbe(dropped.clone()) };
    let run = runtime::start_run(config("test", "finish-drops", 1.0, Lang::En), "main", root);
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    assert!(dropped.get(), "the finished task's future was dropped when it finished");
    let waker = stolen.take().expect("the task's waker was kept");
    let head = trace::head();
    waker.wake_by_ref();
    waker.wake();
    wait_ms(0).await;
    assert_eq!(trace::head(), head, "waking an ended task records nothing");
    assert_eq!(runtime::live_tasks(), 0);
}

/// Cancelling a run drops its waiting tasks' futures at once, while their handles live on
/// and read `Cancelled`.
#[wasm_bindgen_test]
async fn a_cancelled_tasks_future_is_dropped_while_its_handle_lives_on() {
    let dropped = Rc::new(Cell::new(false));
    let handle = Rc::new(Cell::new(None));
    let run = runtime::start_run(config("test", "cancel-drops", 1.0, Lang::En), "main", {
        let (dropped, handle) = (dropped.clone(), handle.clone());
        async move {
            handle.set(Some(runtime::spawn("stuck", async move {
                let _probe = DropProbe(dropped);
                std::future::pending::<()>().await;
            })));
            runtime::yield_now().await; // stuck is polled and waits
            std::future::pending::<()>().await; // the run is cancelled from outside
        }
    });
    assert!(common::wait_until(|| runtime::live_tasks() == 2, 2000).await, "main and stuck are live");
    let stuck = handle.take().expect("the run kept the handle");
    assert!(!dropped.get(), "the waiting task still has its future");
    runtime::cancel_run(run);
    assert!(dropped.get(), "cancelling the run dropped the waiting task's future");
    assert_eq!(runtime::live_tasks(), 0);
    assert_eq!(stuck.await, Err(runtime::Cancelled));
}

/// A task whose handle is gone runs on, and its output is dropped when it finishes (nobody
/// can take it), not kept as long as a waker keeps the task; a waker the handle left when it
/// was awaited and then given up is not woken.
#[wasm_bindgen_test]
async fn a_detached_tasks_output_is_dropped_when_it_finishes_and_its_former_awaiter_is_not_woken() {
    use std::future::Future;
    use std::task::{Context, Poll};
    let (dropped, kept) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(None)));
    let mut handle = runtime::spawn("detached", {
        let (dropped, kept) = (dropped.clone(), kept.clone());
        async move {
            std::future::poll_fn(|cx| {
                kept.set(Some(cx.waker().clone())); // keeps the task itself alive
                Poll::Ready(())
            })
            .await;
            DropProbe(dropped)
        }
    });
    let counter = Rc::new(CountingWaker(Cell::new(0)));
    let waker = CountingWaker::waker(&counter);
    assert!(std::pin::Pin::new(&mut handle).poll(&mut Context::from_waker(&waker)).is_pending());
    drop(handle);
    assert!(common::wait_until(|| runtime::live_tasks() == 0, 2000).await, "the detached task ran to its end");
    assert!(kept.take().is_some(), "the task's waker is still kept");
    assert!(dropped.get(), "its output was dropped when it finished");
    assert_eq!(counter.0.get(), 0, "the handle's former awaiter was not woken");
}

/// `yield_now` wakes a task of this runtime straight through the loop, and any other
/// executor's task through its waker: under `spawn_local` it yields and resumes too.
#[wasm_bindgen_test]
async fn yield_now_also_yields_under_another_executor() {
    let steps = Rc::new(Cell::new(0));
    let counted = Rc::clone(&steps);
    let head = trace::head();
    wasm_bindgen_futures::spawn_local(async move {
        for _ in 0..3 {
            yield_now().await;
            counted.set(counted.get() + 1);
        }
    });
    assert_eq!(steps.get(), 0, "spawn_local runs the task later");
    assert!(common::wait_until(|| steps.get() == 3, 2000).await, "the task resumed after each yield");
    assert_eq!(trace::head(), head, "this runtime recorded nothing: the task was not its own");
}

/// A task cancelled during its own poll is cancelled, as in asyncio, even if that poll then
/// returns: its handle reads `Cancelled`, and the trace has its `Cancel` and no `Finish`.
#[wasm_bindgen_test]
async fn a_task_that_cancels_itself_and_then_returns_ends_cancelled() {
    use std::cell::RefCell;
    let cursor = trace::head();
    let result = Rc::new(Cell::new(None));
    let run = runtime::start_run(config("test", "self-cancel", 1.0, Lang::En), "main", {
        let result = Rc::clone(&result);
        async move {
            let handle = Rc::new(RefCell::new(None::<runtime::JoinHandle<u32>>));
            let own = Rc::clone(&handle);
            *handle.borrow_mut() = Some(runtime::spawn("quitter", async move {
                own.borrow().as_ref().expect("its handle is there").abort();
                7
            }));
            yield_now().await; // the quitter runs: cancels itself, then returns 7
            let quitter = handle.borrow_mut().take().expect("the handle is still there");
            result.set(Some(quitter.await));
        }
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    assert_eq!(result.take(), Some(Err(runtime::Cancelled)), "its handle reads Cancelled");
    let (records, _) = trace::since(cursor);
    let quitter = records.iter().find(|r| r.kind == Kind::Spawn as u32 && r.run == run && r.a != 0).map(|r| r.task);
    let quitter = quitter.expect("the quitter's spawn was recorded");
    let ends: Vec<u32> = records
        .iter()
        .filter(|r| r.task == quitter && (r.kind == Kind::Cancel as u32 || r.kind == Kind::Finish as u32))
        .map(|r| r.kind)
        .collect();
    assert_eq!(ends, [Kind::Cancel as u32], "one end, a cancel");
    assert_eq!(runtime::live_tasks(), 0);
}

/// A task that says its code raised ends with a `Finish` that says so, in its own record even
/// where the poll would have been folded into one (a short poll of a real run), and the next
/// task to return says nothing of it.
#[wasm_bindgen_test]
async fn a_task_that_raised_says_so_in_its_finish() {
    let cursor = trace::head();
    let run = runtime::start_run(config("test", "raised", 1.0, Lang::En), "main", async {
        let failing = runtime::spawn("failing", async { runtime::raised_current() });
        let returning = runtime::spawn("returning", async {});
        let _ = failing.await;
        let _ = returning.await;
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let events: Vec<_> = trace::since(cursor).0.into_iter().flat_map(|r| r.events()).filter(|r| r.run == run).collect();
    let task = |name: &str| {
        let spawn =
            events.iter().find(|r| r.kind == Kind::Spawn as u32 && trace::text_of(r.b).as_deref() == Some(name));
        spawn.expect("spawned").task
    };
    let finish = |task: u32| events.iter().find(|r| r.kind == Kind::Finish as u32 && r.task == task).map(|r| r.a);
    assert_eq!(finish(task("failing")), Some(FINISH_RAISED));
    assert_eq!(finish(task("returning")), Some(0));
    assert_eq!(finish(task("main")), Some(0));
}

/// Cancelling a waiting task drops its future before it wakes whoever awaits its handle: a
/// receiver whose last sender the future held is woken first, as the future's own drop comes
/// before the end it reports.
#[wasm_bindgen_test]
async fn a_cancelled_tasks_future_is_dropped_before_its_awaiter_is_woken() {
    use std::future::Future;
    let cursor = trace::head();
    let (receiver_id, root_id) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
    let run = runtime::start_run(config("test", "cancel-order", 1.0, Lang::En), "main", {
        let (receiver_id, root_id) = (Rc::clone(&receiver_id), Rc::clone(&root_id));
        async move {
            root_id.set(runtime::current().expect("in a task").0);
            let (tx, mut rx) = runtime::channel::<u32>();
            let _receiver = runtime::spawn("receiver", async move {
                receiver_id.set(runtime::current().expect("in a task").0);
                rx.recv().await
            });
            let holder = Rc::new(Cell::new(Some(runtime::spawn("holder", async move {
                let _tx = tx; // the only sender, dropped with the future
                std::future::pending::<()>().await;
            }))));
            let shared = Rc::clone(&holder);
            runtime::spawn("canceller", async move {
                yield_now().await; // the receiver and the holder wait, main awaits the holder
                let handle = shared.take().expect("the holder's handle");
                handle.abort();
                shared.set(Some(handle));
            });
            // Awaits the holder's handle while the canceller can still reach it.
            let ended = std::future::poll_fn(|cx| {
                let mut handle = holder.take().expect("the holder's handle");
                let polled = std::pin::Pin::new(&mut handle).poll(cx);
                holder.set(Some(handle));
                polled
            })
            .await;
            assert_eq!(ended, Err(runtime::Cancelled));
        }
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let (records, _) = trace::since(cursor);
    let (receiver, root) = (receiver_id.get(), root_id.get());
    let cancel = records.iter().position(|r| r.run == run && r.kind == Kind::Cancel as u32).expect("the cancel");
    let after: Vec<u32> = records[cancel..]
        .iter()
        .filter(|r| r.kind == Kind::Wake as u32 && (r.task == receiver || r.task == root))
        .map(|r| r.task)
        .take(2)
        .collect();
    assert_eq!(after, [receiver, root], "the receiver (its channel closed) first, then the awaiter");
}

/// A finished task keeps its output for its handle, and dropping the handle drops it.
#[wasm_bindgen_test]
async fn a_finished_tasks_output_waits_for_its_handle_and_goes_with_it() {
    let dropped = Rc::new(Cell::new(false));
    let handle = runtime::spawn("maker", {
        let dropped = Rc::clone(&dropped);
        async move { DropProbe(dropped) }
    });
    assert!(common::wait_until(|| runtime::live_tasks() == 0, 2000).await, "the task finished");
    assert!(!dropped.get(), "its output waits for the handle");
    drop(handle);
    assert!(dropped.get(), "dropping the handle dropped the output");
}

#[wasm_bindgen_test]
async fn a_long_session_of_runs_never_fills_the_table_of_texts() {
    // One run names more distinct texts than the table holds (a page session of many runs
    // printing different lines does so over time)…
    let run = runtime::start_run(config("texts", "fill", 1.0, Lang::En), "filler", async {
        for i in 0..=trace::texts::MAX_TEXTS {
            trace::text(&format!("line {i}"));
        }
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    assert_eq!(trace::text("one line more"), trace::texts::FULL, "the table is full");
    // …and the next run's texts are its own again, as the page reads them.
    let cursor = trace::head();
    let run = runtime::start_run(config("texts", "after", 1.0, Lang::En), "printer", async {
        runtime::print("merhaba", "hello");
    });
    assert_eq!(runtime::run_finished(run).unwrap().await, Outcome::Finished);
    let (records, _) = trace::since(cursor);
    let text = |kinds: &[Kind], pick: fn(&trace::record::Record) -> u32| {
        let record = records.iter().find(|r| kinds.iter().any(|k| r.kind == *k as u32)).expect("recorded");
        trace::text_of(pick(record))
    };
    assert_eq!(text(&[Kind::RunStart], |r| r.b).as_deref(), Some("after"));
    assert_eq!(text(&[Kind::Spawn, Kind::Spawned], |r| r.b).as_deref(), Some("printer"));
    assert_eq!(text(&[Kind::Print], |r| r.a).as_deref(), Some("hello"));
}
