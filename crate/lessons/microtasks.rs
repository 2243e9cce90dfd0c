//! Tasks that wake each other without end (seed 003, the event loop and cooperative
//! multitasking).
//!
//! `ping` and `pong` pass a ball back and forth: each wakes the other and never waits on a
//! timer, so the loop always has a ready task. On our loop a tick hands the browser a turn
//! every 8 ms, so the heartbeat's timer and the page's frames still run. The same rally as
//! a bare chain of microtasks has no such budget: the browser runs every microtask queued
//! during a checkpoint before anything else, so until the chain stops no timer fires and
//! no frame is drawn.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use self::chain::{then, Rally, RallyDone};
use super::blocking::{heartbeat, lesson_secs, real_ms};
use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::clock;
use loopscope_core::runtime::host::Frames;
use loopscope_core::runtime::{channel, print, sleep, spawn, Receiver, Sender};

/// How often the heartbeat prints.
const BEAT: Duration = Duration::from_millis(200);
/// Longest rally on our loop, in real ms: the page keeps drawing, but it should end.
const MAX_RALLY_MS: f64 = 3000.0;
/// Longest rally on bare microtasks, in real ms: the page is frozen for all of it.
const MAX_CHAIN_MS: f64 = 1000.0;
/// Real work each hit of the ball does, in ms, as a message handler would. It also keeps
/// the number of polls (and trace records) at what the page can draw.
const HIT_MS: f64 = 0.05;

/// One hit: a sliver of work on the loop's thread; declared in a virtual run's poll, so the
/// rally is the same on every run.
fn hit() {
    if clock::charge(HIT_MS) {
        return;
    }
    let until = clock::real_now() + HIT_MS;
    while clock::real_now() < until {}
}

/// Sends the ball to `pong` and waits for it to come back, until the deadline; returns the
/// number of exchanges.
async fn ping(to_pong: Sender<()>, mut from_pong: Receiver<()>, until: f64) -> u32 {
    let mut exchanges = 0;
    while clock::now() < until {
        hit();
        if to_pong.send(()).is_err() || from_pong.recv().await.is_none() {
            break;
        }
        exchanges += 1;
    }
    exchanges // dropping `to_pong` ends pong's loop
}

/// Sends every ball straight back.
async fn pong(to_ping: Sender<()>, mut from_ping: Receiver<()>) {
    while from_ping.recv().await.is_some() {
        hit();
        let _ = to_ping.send(()); // ping may have stopped meanwhile
    }
}

/// The rally as two tasks on our loop: every wake goes through the run queue, whose ticks
/// end after 8 ms and continue on a macrotask once the browser has had its turn.
async fn rally_on_the_loop(ms: f64) -> u32 {
    let until = clock::now() + ms;
    let (to_pong, from_ping) = channel();
    let (to_ping, from_pong) = channel();
    spawn("pong", pong(to_ping, from_ping));
    spawn("ping", ping(to_pong, from_pong, until)).await.unwrap_or(0)
}

/// The same rally as bare callbacks on the browser's microtask queue, the way a chain of
/// resolved promises (or a loop with no budget) runs: each hit queues the next with
/// `queueMicrotask`, and nothing else runs until the deadline stops the chain.
fn rally_on_microtasks(ms: f64) -> RallyDone {
    // The chain runs outside the loop, where no virtual clock follows it: in real time it
    // stops at a real deadline; in a virtual run after the exchanges `ms` holds, whose time
    // the awaiting poll then declares, so every virtual run is the same.
    let rally = if clock::in_virtual_poll() {
        Rally::counted((ms / (2.0 * HIT_MS)) as u32)
    } else {
        Rally::new(clock::real_now() + ms)
    };
    then(ping_microtask, Rc::clone(&rally));
    RallyDone::new(rally)
}

fn ping_microtask(rally: Rc<Rally>) {
    hit();
    then(pong_microtask, rally);
}

fn pong_microtask(rally: Rc<Rally>) {
    hit();
    rally.count_exchange();
    if rally.goes_on() {
        then(ping_microtask, rally);
    } else {
        rally.finish();
    }
}

/// How the ball is passed: the two variants.
#[derive(Clone, Copy)]
enum How {
    Budget,
    NoBudget,
}

async fn main(how: How, seconds: f64) {
    print("Ana program başlıyor", "Main program starting");
    let stop = Rc::new(Cell::new(false));
    let beat = spawn("heartbeat", heartbeat(BEAT, Rc::clone(&stop)));
    sleep(Duration::from_millis(500)).await;

    let cap = match how {
        How::Budget => MAX_RALLY_MS,
        How::NoBudget => MAX_CHAIN_MS,
    };
    let (ms, capped) = real_ms(Duration::from_secs_f64(seconds), cap);
    if capped {
        print(
            &format!("(gerçek zamanda {} sn ile sınırlı)", cap / 1000.0),
            &format!("(capped at {} s of real time)", cap / 1000.0),
        );
    }
    // Frames are real: a virtual run, whose rally takes whatever real time it takes, does not count them.
    let frames = (!clock::in_virtual_poll()).then(Frames::count);
    print(&format!("Ping-pong başlıyor: {seconds} sn"), &format!("Ping-pong starts: {seconds} s"));
    let started = clock::now();
    let exchanges = match how {
        How::Budget => rally_on_the_loop(ms).await,
        How::NoBudget => rally_on_microtasks(ms).await,
    };
    let took = lesson_secs(clock::now() - started);
    print(
        &format!("Ping-pong bitti: {took:.2} sn'de {exchanges} paslaşma"),
        &format!("Ping-pong done: {exchanges} exchanges in {took:.2} s"),
    );
    if let Some(frames) = frames {
        let drawn = frames.so_far();
        drop(frames);
        print(&format!("bu sırada {drawn} kare çizildi"), &format!("{drawn} frames drawn meanwhile"));
    }

    sleep(Duration::from_millis(500)).await;
    stop.set(true);
    if let Ok(longest) = beat.await {
        print(
            &format!("en uzun kalp atışı arası: {longest:.2} sn"),
            &format!("longest gap between heartbeats: {longest:.2} s"),
        );
    }
    print("Ana program tamamlandı", "Main program done");
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "microtasks",
    title: Text { tr: "Birbirini uyandıran görevler", en: "Tasks that wake each other" },
    summary: Text {
        tr: "ping ve pong topu birbirine atar: her biri diğerini uyandırır ve hiç zamanlayıcı beklemez. \
             Döngümüz her 8 ms'de bir tarayıcıya sıra verir; bütçesiz bir mikro görev zinciri ise \
             bitene kadar ne zamanlayıcıya ne de çizime fırsat bırakır.",
        en: "ping and pong pass a ball back and forth: each wakes the other and neither ever waits on \
             a timer. Our loop hands the browser a turn every 8 ms; a chain of microtasks with no \
             budget lets no timer and no drawing in until it ends.",
    },
    notice: Text {
        tr: "Bütçeli çeşitte döngü turları 8 ms'de bir biter, aralarında heartbeat tıklar ve sayfa çizilmeye \
             devam eder. Bütçesiz çeşitte zincir sürerken heartbeat'in şeridi boştur, sayfa donar ve \
             çizilen kare sayısı 0'dır; zincir en geç 1 sn gerçek zamanda kendiliğinden durur.",
        en: "With the budget, each loop pass ends after 8 ms, heartbeat beats between them and the page keeps drawing. Without it, heartbeat's lane stays empty while the chain runs, the page \
             freezes and no frame is drawn; the chain stops by itself within 1 s of real time.",
    },
    seed: "003 · Olay Döngüsü",
    rust_file: "microtasks.rs",
    controls: &[],
    params: &[Param::seconds("rally", Text { tr: "Ping-pong süresi", en: "Rally length" }, 0.2, 3.0, 1.0)],
    variants: &[
        Variant {
            id: "budget",
            label: Text { tr: "döngümüzde (8 ms bütçe)", en: "on our loop (8 ms budget)" },
            python_file: py!("microtasks"),
            root: "main",
            start: |args: &Args| Box::pin(main(How::Budget, args.get("rally"))),
        },
        Variant {
            id: "no-budget",
            label: Text { tr: "çıplak mikro görevler (bütçesiz)", en: "bare microtasks (no budget)" },
            python_file: py!("microtasks_no_budget"),
            root: "main",
            start: |args: &Args| Box::pin(main(How::NoBudget, args.get("rally"))),
        },
    ],
};

// ---- the microtask chain: its state, and the future that awaits it ----

/// A rally on bare microtasks and the future that awaits it; queueing a microtask and
/// counting frames are the host's calls (`runtime::host`).
mod chain {
    use std::cell::{Cell, RefCell};
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};

    use loopscope_core::runtime::clock;
    use loopscope_core::runtime::host;
    use loopscope_core::runtime::waiting_on;
    use loopscope_core::trace::record::WakeCause;

    /// Queues `next(rally)` as a microtask. Each callback is made for one call and freed
    /// by it, so the chain owns itself: it stops at its deadline whatever happens to the
    /// task that started it.
    pub fn then(next: fn(Rc<Rally>), rally: Rc<Rally>) {
        host::queue_microtask(move || next(rally));
    }

    /// A rally on bare microtasks, shared by its callbacks and the future awaiting it.
    pub struct Rally {
        /// Real-clock time at which the chain stops (a real run).
        until: f64,
        /// Exchanges after which the chain stops (a virtual run; 0: none).
        most: u32,
        exchanges: Cell<u32>,
        done: Cell<bool>,
        waker: RefCell<Option<Waker>>,
    }

    impl Rally {
        /// A rally until the real clock reads `until`.
        pub fn new(until: f64) -> Rc<Rally> {
            Rally::with(until, 0)
        }

        /// A rally of `most` exchanges.
        pub fn counted(most: u32) -> Rc<Rally> {
            Rally::with(f64::INFINITY, most.max(1))
        }

        fn with(until: f64, most: u32) -> Rc<Rally> {
            Rc::new(Rally { until, most, exchanges: Cell::new(0), done: Cell::new(false), waker: RefCell::default() })
        }

        /// Whether the chain goes on after this exchange.
        pub fn goes_on(&self) -> bool {
            if self.most > 0 {
                self.exchanges.get() < self.most
            } else {
                clock::real_now() < self.until
            }
        }

        pub fn count_exchange(&self) {
            self.exchanges.set(self.exchanges.get() + 1);
        }

        /// Ends the chain and wakes the task awaiting it (an external wake: it comes from
        /// a microtask, not from a poll).
        pub fn finish(&self) {
            self.done.set(true);
            let waker = self.waker.borrow_mut().take();
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }

    /// Resolves with the rally's exchanges once its chain has stopped.
    pub struct RallyDone(Rc<Rally>);

    impl RallyDone {
        pub fn new(rally: Rc<Rally>) -> RallyDone {
            RallyDone(rally)
        }
    }

    impl Future for RallyDone {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            if self.0.done.get() {
                let exchanges = self.0.exchanges.get();
                // A virtual run declares the chain's work here, in the poll that sees it end.
                clock::charge(f64::from(exchanges) * 2.0 * super::HIT_MS);
                return Poll::Ready(exchanges);
            }
            *self.0.waker.borrow_mut() = Some(cx.waker().clone());
            waiting_on(WakeCause::External, 0);
            Poll::Pending
        }
    }
}
