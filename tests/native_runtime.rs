//! The runtime outside a browser: native, and under Miri (`make test` runs both). The host's
//! stand-ins (`runtime::run_until_idle` calls the drain the runtime asks for; the real clock
//! stands still) let virtual runs go from start to end: spawning, waking, yielding, sleeping
//! on the virtual clock, joining, cancelling, pausing and stepping; the unsafe code of the
//! tasks' allocation, vtable and wakers runs as in the page. Real runs' sleeps wait on the
//! host's stand-in timers, which fire once the test has moved the stand-in clock to them.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use loopscope::runtime::clock;
use loopscope::runtime::{
    self, pending_timers, run_until_idle, sleep, spawn, yield_now, Lang, Mode, Outcome, RunConfig, StepError,
};
use loopscope::trace::record::{Kind, WakeCause};

fn virtual_config() -> RunConfig {
    RunConfig { lesson: "native".into(), variant: "test".into(), speed: 1.0, lang: Lang::En, mode: Mode::Virtual }
}

fn real_config(speed: f64) -> RunConfig {
    RunConfig { mode: Mode::Real, speed, ..virtual_config() }
}

/// Drains until the run asks for nothing more, then says how it ended.
fn finish(run: u32) -> Outcome {
    let mut finished = pin!(runtime::run_finished(run).expect("the run is live"));
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    run_until_idle();
    match finished.as_mut().poll(&mut cx) {
        Poll::Ready(outcome) => outcome,
        Poll::Pending => panic!("the run stalled: nothing ready, no timer, not ended"),
    }
}

/// A shared log the tasks write to.
fn log() -> Rc<RefCell<Vec<String>>> {
    Rc::default()
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Nothing is left behind: no task, no run, no timer.
fn assert_clean() {
    assert_eq!((runtime::live_runs(), runtime::live_tasks(), pending_timers()), (0, 0, 0));
}

#[test]
fn ready_tasks_take_turns_first_in_first_out() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let mut handles = Vec::new();
        for name in ["a", "b", "c"] {
            let o = Rc::clone(&o);
            handles.push(spawn(name, async move {
                for i in 0..3 {
                    o.borrow_mut().push(format!("{name}{i}"));
                    yield_now().await;
                }
            }));
        }
        for h in handles {
            h.await.expect("not cancelled");
        }
    });
    assert_eq!(finish(run), Outcome::Finished);
    assert_eq!(out.borrow().join(" "), "a0 b0 c0 a1 b1 c1 a2 b2 c2");
    assert_clean();
}

#[test]
fn virtual_sleeps_end_by_deadline_then_in_the_order_they_were_armed() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let mut handles = Vec::new();
        for (name, delay) in [("slow", 30), ("first", 10), ("second", 10), ("zero", 0)] {
            let o = Rc::clone(&o);
            handles.push(spawn(name, async move {
                sleep(ms(delay)).await;
                o.borrow_mut().push(format!("{name}@{}", clock::now()));
            }));
        }
        for h in handles {
            h.await.expect("not cancelled");
        }
    });
    assert_eq!(finish(run), Outcome::Finished);
    assert_eq!(out.borrow().join(" "), "zero@0 first@10 second@10 slow@30");
    assert_clean();
}

#[test]
fn a_real_sleep_waits_on_a_host_timer_for_its_time_at_the_runs_speed() {
    let out = log();
    let o = Rc::clone(&out);
    // At 2x, 100 ms of lesson time is 50 ms of the (stand-in) real clock.
    let run = runtime::start_run(real_config(2.0), "main", async move {
        let started = clock::now();
        sleep(ms(100)).await;
        o.borrow_mut().push(format!("woke after {} ms", clock::now() - started));
    });
    run_until_idle();
    assert_eq!(pending_timers(), 1, "the sleep armed one timer");
    clock::advance_real(49.0);
    run_until_idle();
    assert!(out.borrow().is_empty(), "not before its time");
    clock::advance_real(1.0);
    assert_eq!(finish(run), Outcome::Finished);
    assert_eq!(out.borrow().join(" "), "woke after 50 ms");
    assert_clean();
}

#[test]
fn a_timed_call_runs_in_the_round_its_time_comes_by_deadline_after_the_tasks_ready() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let ticker = {
            let o = Rc::clone(&o);
            spawn("ticker", async move {
                for i in 0..3 {
                    o.borrow_mut().push(format!("tick {i}"));
                    yield_now().await;
                }
            })
        };
        yield_now().await; // the ticker's first step
        let call = |label: &'static str, delay_ms: f64| {
            let o = Rc::clone(&o);
            runtime::call_at(clock::now() + delay_ms, move || {
                let o = Rc::clone(&o);
                drop(spawn(label, async move { o.borrow_mut().push(label.to_string()) }));
            })
        };
        let _now = call("due now", 0.0);
        let _past = call("due 1 ms ago", -1.0);
        drop(call("cleared", 0.0));
        let _later = call("due at 10 ms", 10.0);
        let started = clock::now();
        sleep(ms(10)).await;
        o.borrow_mut().push(format!("main woke after {} ms", clock::now() - started));
        ticker.await.expect("not aborted");
    });
    assert_eq!(finish(run), Outcome::Finished);
    let expected = ["tick 0", "tick 1", "due 1 ms ago", "due now", "tick 2", "due at 10 ms", "main woke after 10 ms"];
    assert_eq!(*out.borrow(), expected);
    assert_clean();
}

/// Runs a virtual run whose `main` arms, in the order given, sleepers (`("sleeper …", ms)`)
/// and timed calls (`("call", ms)`, which wake a waiter through a channel), then holds the
/// loop for `busy_ms` (0: waits instead); returns what woke, in order.
fn timers_due_together(armed: &[(&'static str, f64)], busy_ms: u64) -> Vec<String> {
    let out = log();
    let o = Rc::clone(&out);
    let armed = armed.to_vec();
    let run = runtime::start_run(virtual_config(), "main", async move {
        let (tx, mut rx) = runtime::channel::<()>();
        let waiter = {
            let o = Rc::clone(&o);
            spawn("waiter", async move {
                rx.recv().await;
                o.borrow_mut().push("woken by the call".to_string());
            })
        };
        let mut calls = Vec::new();
        for (name, ms) in armed {
            if name == "call" {
                let tx = tx.clone();
                calls.push(runtime::call_at(clock::now() + ms, move || {
                    drop(spawn("callback", async move { tx.send(()).expect("the waiter is there") }))
                }));
            } else {
                let o = Rc::clone(&o);
                drop(spawn(name, async move {
                    sleep(Duration::from_secs_f64(ms / 1000.0)).await;
                    o.borrow_mut().push(name.to_string());
                }));
                yield_now().await; // it arms its sleep
            }
        }
        if busy_ms > 0 {
            runtime::busy(ms(busy_ms));
            yield_now().await;
        }
        waiter.await.expect("not aborted");
        sleep(ms(50)).await;
    });
    assert_eq!(finish(run), Outcome::Finished);
    assert_clean();
    out.take()
}

#[test]
fn timers_due_together_take_turns_by_deadline_as_asyncio_s_handles_do() {
    // A sleep's timer only schedules its task, for the next round; a call runs in this one,
    // and what it wakes runs next round too, in the order of the timers' deadlines.
    let idle = |armed: &[(&'static str, f64)]| timers_due_together(armed, 0);
    assert_eq!(idle(&[("sleeper", 10.0), ("call", 10.0)]), ["sleeper", "woken by the call"]);
    assert_eq!(idle(&[("call", 10.0), ("sleeper", 10.0)]), ["woken by the call", "sleeper"]);
    // While the loop was held, both came due: the earlier deadline still goes first.
    let busy = |armed: &[(&'static str, f64)]| timers_due_together(armed, 30);
    assert_eq!(busy(&[("sleeper", 10.0), ("call", 20.0)]), ["sleeper", "woken by the call"]);
    assert_eq!(busy(&[("sleeper", 20.0), ("call", 10.0)]), ["woken by the call", "sleeper"]);
}

#[test]
fn cancelling_a_real_run_clears_its_timers() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(real_config(1.0), "main", async move {
        for i in 0..3 {
            let o = Rc::clone(&o);
            spawn(format!("sleeper_{i}"), async move {
                sleep(ms(1_000)).await;
                o.borrow_mut().push(format!("sleeper_{i}"));
            });
        }
        sleep(ms(1_000)).await;
        o.borrow_mut().push("main".into());
    });
    run_until_idle();
    assert_eq!(pending_timers(), 4);
    runtime::cancel_run(run);
    assert_clean();
    clock::advance_real(10_000.0);
    assert_eq!(run_until_idle(), 0, "no timer is left to fire");
    assert!(out.borrow().is_empty());
}

#[test]
fn a_join_handle_gives_the_output_and_an_abort_cancels() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let value = spawn("worker", async { 41 + 1 }).await;
        let sleeper = spawn("sleeper", async {
            sleep(ms(1_000)).await;
            "woke"
        });
        yield_now().await; // the sleeper arms its timer
        sleeper.abort();
        let aborted = sleeper.await;
        o.borrow_mut().push(format!("{value:?} {}", aborted.is_err()));
    });
    assert_eq!(finish(run), Outcome::Finished);
    assert_eq!(out.borrow().join(" "), "Ok(42) true");
    assert_clean();
}

#[test]
fn cancelling_a_run_drops_its_tasks_and_timers() {
    let run = runtime::start_run(virtual_config(), "main", async {
        for i in 0..5 {
            spawn(format!("sleeper_{i}"), async { sleep(ms(60_000)).await });
        }
        runtime::pause_run(runtime::current().expect("inside a task").0);
        sleep(ms(60_000)).await;
    });
    run_until_idle();
    assert!(runtime::is_paused(run));
    assert!(runtime::live_tasks() >= 1);
    runtime::cancel_run(run);
    run_until_idle();
    assert_clean();
}

#[test]
fn a_step_polls_one_task_of_a_paused_run() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        for name in ["a", "b"] {
            let o = Rc::clone(&o);
            spawn(name, async move {
                for i in 0..2 {
                    o.borrow_mut().push(format!("{name}{i}"));
                    yield_now().await;
                }
            });
        }
        sleep(ms(5)).await;
    });
    assert!(runtime::pause_run(run));
    run_until_idle();
    assert!(out.borrow().is_empty(), "a paused run polls nothing");
    let mut steps = 0;
    while out.borrow().len() < 4 {
        assert_ne!(runtime::step_run(run), Ok(0));
        steps += 1;
        assert!(steps < 20, "stepping made no progress");
    }
    assert_eq!(out.borrow().join(" "), "a0 b0 a1 b1");
    assert_eq!(runtime::step_run(run + 1000), Err(StepError::NotLive));
    assert!(runtime::resume_run(run));
    assert_eq!(finish(run), Outcome::Finished);
    assert_clean();
}

#[test]
fn many_runs_leave_nothing_behind() {
    // Miri interprets every step: a few rounds there, twenty natively.
    let rounds = if cfg!(miri) { 6 } else { 20 };
    for round in 0..rounds {
        let run = runtime::start_run(virtual_config(), "main", async move {
            let handles: Vec<_> = (0..10)
                .map(|i| {
                    spawn(format!("t{i}"), async move {
                        sleep(ms(i)).await;
                        yield_now().await;
                        i
                    })
                })
                .collect();
            let mut sum = 0;
            for h in handles {
                sum += h.await.expect("not cancelled");
            }
            assert_eq!(sum, 45);
        });
        if round % 3 == 2 {
            runtime::cancel_run(run);
            run_until_idle();
        } else {
            assert_eq!(finish(run), Outcome::Finished);
        }
        assert_clean();
    }
}

/// A future that waits until someone wakes it through `slot` (and says so there).
fn woken_through(slot: Rc<RefCell<Option<std::task::Waker>>>) -> impl Future<Output = ()> {
    let mut waited = false;
    std::future::poll_fn(move |cx| {
        if waited && slot.borrow().is_none() {
            return Poll::Ready(());
        }
        waited = true;
        *slot.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    })
}

#[test]
fn a_callback_called_soon_runs_after_the_tasks_ready_and_records_nothing_of_its_own() {
    for config in [virtual_config(), real_config(1.0)] {
        let cursor = loopscope::trace::head();
        let (out, slot) = (log(), Rc::new(RefCell::new(None)));
        let (o, s) = (Rc::clone(&out), Rc::clone(&slot));
        let run = runtime::start_run(config, "main", async move {
            let waiter = {
                let (o, s) = (Rc::clone(&o), Rc::clone(&s));
                spawn("waiter", async move {
                    woken_through(s).await;
                    o.borrow_mut().push("woken".to_string());
                })
            };
            yield_now().await; // the waiter waits
            for name in ["a", "b"] {
                let (o, s) = (Rc::clone(&o), Rc::clone(&s));
                spawn(name, async move {
                    for i in 0..3 {
                        o.borrow_mut().push(format!("{name}{i}"));
                        if name == "a" && i == 0 {
                            let (o, s) = (Rc::clone(&o), Rc::clone(&s));
                            runtime::call_soon(move || {
                                o.borrow_mut().push("callback".to_string());
                                s.borrow_mut().take().expect("the waiter waits").wake();
                            });
                        }
                        yield_now().await;
                    }
                });
            }
            waiter.await.expect("not cancelled");
        });
        assert_eq!(finish(run), Outcome::Finished);
        // a0 asks, b0 was ready already, then the callback; the waiter it woke goes after a1 and
        // b1, which were back in line before it.
        assert_eq!(out.borrow().join(" "), "a0 b0 callback a1 b1 woken a2 b2");
        let (records, lost) = loopscope::trace::since(cursor);
        assert_eq!(lost, 0);
        let ids = |name: &str| {
            let text = loopscope::trace::text(name);
            records.iter().find(|r| r.kind == Kind::Spawn as u32 && r.b == text).map(|r| r.task)
        };
        let (a, waiter) = (ids("a").expect("a spawned"), ids("waiter").expect("the waiter spawned"));
        // Its first wake is its spawn's.
        let woken: Vec<_> =
            records.iter().filter(|r| r.kind == Kind::Wake as u32 && r.task == waiter).skip(1).collect();
        assert_eq!(woken.len(), 1, "the waiter is woken once");
        assert_eq!((woken[0].a, woken[0].b), (WakeCause::Task as u32, a), "by the task that called soon");
        assert!(woken[0].time.is_finite(), "its time is settled");
        let tasks: std::collections::HashSet<u32> = records.iter().map(|r| r.task).collect();
        assert_eq!(tasks.len(), 5, "the loop's records, the root, the waiter, a and b; no callback's: {tasks:?}");
        assert_clean();
    }
}

#[test]
fn a_callback_not_yet_called_goes_with_its_cancelled_run() {
    let called = Rc::new(RefCell::new(false));
    let c = Rc::clone(&called);
    let run = runtime::start_run(virtual_config(), "main", async move {
        runtime::call_soon(move || *c.borrow_mut() = true);
        runtime::cancel_run(runtime::current().expect("inside a task").1);
        yield_now().await;
    });
    run_until_idle();
    assert!(!*called.borrow(), "a cancelled run's callback is not called");
    assert_eq!(runtime::run_finished(run).map(|_| ()), None);
    assert_clean();
}

#[test]
fn a_callback_may_wake_the_task_that_called_it_soon() {
    for config in [virtual_config(), real_config(1.0)] {
        let run = runtime::start_run(config, "main", async {
            let slot = Rc::new(RefCell::new(None));
            let s = Rc::clone(&slot);
            // Waits until the callback it asks for wakes it (a future settled, then awaited).
            let mut asked = false;
            std::future::poll_fn(move |cx| {
                if asked {
                    return Poll::Ready(());
                }
                asked = true;
                *s.borrow_mut() = Some(cx.waker().clone());
                let s = Rc::clone(&s);
                runtime::call_soon(move || s.borrow_mut().take().expect("the waker").wake());
                Poll::Pending
            })
            .await;
            assert!(slot.borrow().is_none());
        });
        assert_eq!(finish(run), Outcome::Finished, "woken by its callback, it finishes");
        assert_clean();
    }
}

#[test]
fn a_step_runs_a_callback_in_line_and_polls_the_next_task() {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let o2 = Rc::clone(&o);
        runtime::call_soon(move || o2.borrow_mut().push("callback".into()));
        runtime::pause_run(runtime::current().expect("inside a task").1);
        yield_now().await;
        o.borrow_mut().push("main".into());
        yield_now().await;
    });
    run_until_idle();
    assert!(runtime::is_paused(run));
    let stepped = runtime::step_run(run).expect("a paused run steps");
    assert_ne!(stepped, u32::MAX, "a step names a task, never a callback");
    assert_ne!(stepped, 0, "the task after the callback was polled");
    assert_eq!(out.borrow().join(" "), "callback main");
    assert!(runtime::resume_run(run));
    assert_eq!(finish(run), Outcome::Finished);
    assert_clean();
}

#[test]
fn a_callback_asked_for_once_its_run_has_ended_runs_at_once() {
    let called = Rc::new(RefCell::new(false));
    let c = Rc::clone(&called);
    let run = runtime::start_run(virtual_config(), "main", async move {
        runtime::cancel_run(runtime::current().expect("inside a task").1);
        let seen = Rc::clone(&c);
        runtime::call_soon(move || *c.borrow_mut() = true);
        assert!(*seen.borrow(), "called before call_soon returns");
    });
    run_until_idle();
    assert!(*called.borrow(), "no loop round is left to wait for");
    assert_eq!(runtime::run_finished(run).map(|_| ()), None);
    assert_clean();
}

/// Holds the loop once (see `runtime::hold_current`), as a script's blocking code does
/// between its slices: the task goes first again, and nothing else of its run is polled
/// meanwhile, but the run's threads.
#[derive(Default)]
struct HoldOnce(bool);

impl Future for HoldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) {
            return Poll::Ready(());
        }
        runtime::hold_current(cx.waker());
        Poll::Pending
    }
}

/// A task blocking the loop for `ms` of declared time, as a script's `time.sleep` does in a
/// virtual run: up to each turn its run's threads need, holding the loop between.
async fn block_loop(ms: f64) {
    let until = clock::now() + ms;
    loop {
        let now = clock::now();
        if until - now <= 1e-6 {
            break; // a thread's turn took the clock past it
        }
        let turn = runtime::threads_turn(until);
        runtime::busy(Duration::from_secs_f64((turn - now).max(0.0) / 1000.0));
        if turn >= until {
            break;
        }
        HoldOnce::default().await;
    }
}

/// A run whose root starts a task sleeping 100 ms three times (a thread if `thread`), then
/// blocks the loop for 350 ms; what each wrote, with its clock.
fn blocked_loop_beside(thread: bool) -> String {
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let w = Rc::clone(&o);
        let worker = spawn("worker", async move {
            for i in 0..3 {
                let nap = sleep(ms(100));
                if thread {
                    nap.beside_loop().await;
                } else {
                    nap.await;
                }
                w.borrow_mut().push(format!("step{i}@{}", clock::now()));
            }
        });
        if thread {
            worker.beside_loop();
        }
        yield_now().await; // the worker arms its first timer
        block_loop(350.0).await;
        o.borrow_mut().push(format!("free@{}", clock::now()));
        worker.await.expect("not cancelled");
    });
    assert_eq!(finish(run), Outcome::Finished);
    assert_clean();
    let lines = out.borrow().join(" ");
    lines
}

#[test]
fn a_thread_takes_its_turns_at_its_own_times_while_a_task_blocks_the_loop() {
    assert_eq!(blocked_loop_beside(true), "step0@100 step1@200 step2@300 free@350");
}

#[test]
fn a_task_of_the_loop_waits_for_a_task_that_blocks_it() {
    // Its timer came due at 100 ms, but it runs once the loop is free, as in asyncio.
    assert_eq!(blocked_loop_beside(false), "free@350 step0@350 step1@450 step2@550");
}

#[test]
fn the_loop_s_timers_due_during_a_hold_wait_for_what_the_holder_wakes_after_it() {
    // asyncio moves the timers due to its ready line only once the blocking step is over: a
    // task the holder wakes then runs before a task whose sleep ended during the hold, even
    // while a thread took turns (and rounds went by for it) meanwhile.
    let out = log();
    let o = Rc::clone(&out);
    let run = runtime::start_run(virtual_config(), "main", async move {
        let thread = spawn("thread", async {
            for _ in 0..3 {
                sleep(ms(50)).beside_loop().await;
            }
        });
        thread.beside_loop();
        let b = Rc::clone(&o);
        let beat = spawn("beat", async move {
            sleep(ms(100)).await;
            b.borrow_mut().push("beat".into());
        });
        let (tx, mut rx) = runtime::channel::<()>();
        let w = Rc::clone(&o);
        let waiter = spawn("waiter", async move {
            rx.recv().await;
            w.borrow_mut().push("waiter".into());
        });
        yield_now().await;
        block_loop(300.0).await;
        tx.send(()).expect("the waiter listens");
        yield_now().await;
        o.borrow_mut().push("main".into());
        for h in [thread, beat, waiter] {
            h.await.expect("not cancelled");
        }
    });
    assert_eq!(finish(run), Outcome::Finished);
    assert_clean();
    assert_eq!(out.borrow().join(" "), "waiter main beat");
}
