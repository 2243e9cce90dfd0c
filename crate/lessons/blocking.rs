//! Blocking code on the loop (seed 004, "Engelleyici (Senkron) Kodun İşlenmesi").
//!
//! A `heartbeat` task prints every 0.2 s while `count_primes`, a real CPU-bound job,
//! counts primes for about a second. Run in one go it never gives the loop back: the
//! heartbeat, and the page's drawing, stop until it is done. In chunks with a yield between
//! them the heartbeat keeps going, a little late. In a Web Worker (the browser's
//! `asyncio.to_thread`) the job runs on another thread and the loop is not disturbed.
//!
//! In virtual time the job in one go or in chunks declares its length instead of spinning
//! for it: it checks a fixed count of numbers per ms and moves the run's clock by the job's
//! length, so the heartbeat's gap shows as in real time and every run is the same. The
//! worker's job happens outside the loop, where virtual time cannot follow: the run's clock
//! stands still until the worker answers (the run still ends: the answer comes in real time),
//! and the lesson says so.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::clock;
use loopscope_core::runtime::{current, print, run_config, sleep, spawn, yield_now, Mode};

/// How often the heartbeat prints.
const BEAT: Duration = Duration::from_millis(200);
/// Longest the job may run in real time, whatever the speed: it freezes the page.
const MAX_JOB_MS: f64 = 2500.0;
/// Longest one chunk holds the loop, in real ms: a quarter of a 60 Hz frame.
const CHUNK_MS: f64 = 4.0;
/// Candidates checked between two clock reads (the same in `www/worker.js`).
const BATCH: u32 = 256;
/// Candidates a ms of virtual time checks: a virtual run declares the job's time, and does
/// this much of it, so its count is the same on every machine.
const VIRTUAL_CHECKS_PER_MS: f64 = 1000.0;

/// Whether `n` is prime, by trial division: slow on purpose, it is the CPU-bound job.
fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    if n % 2 == 0 {
        return n == 2;
    }
    let mut d = 3;
    while d <= n / d {
        if n % d == 0 {
            return false;
        }
        d += 2;
    }
    true
}

/// The job's progress: `found` primes below `below`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrimeCount {
    /// The next number to check.
    pub below: u32,
    /// Primes found below it.
    pub found: u32,
}

impl PrimeCount {
    /// Nothing checked yet.
    pub fn new() -> PrimeCount {
        PrimeCount { below: 2, found: 0 }
    }

    /// Checks one more number.
    pub fn check_next(&mut self) {
        if is_prime(self.below) {
            self.found += 1;
        }
        self.below += 1;
    }

    /// Checks numbers until `ms` of real time have passed, without ever awaiting; returns
    /// the ms it actually took. In a virtual run: [`VIRTUAL_CHECKS_PER_MS`] per ms, declared.
    fn work_for(&mut self, ms: f64) -> f64 {
        if clock::charge(ms) {
            for _ in 0..(ms * VIRTUAL_CHECKS_PER_MS) as u64 {
                self.check_next();
            }
            return ms;
        }
        let started = clock::now();
        loop {
            for _ in 0..BATCH {
                self.check_next();
            }
            let now = clock::now();
            if now >= started + ms {
                return now - started;
            }
        }
    }
}

impl Default for PrimeCount {
    fn default() -> Self {
        PrimeCount::new()
    }
}

/// The run's speed: lesson time runs this many times faster than real time.
fn speed() -> f64 {
    current().and_then(|(_, run)| run_config(run)).map_or(1.0, |c| c.speed)
}

/// Whether the current run is on virtual time.
fn virtual_time() -> bool {
    current().and_then(|(_, run)| run_config(run)).is_some_and(|c| c.mode == Mode::Virtual)
}

/// Real milliseconds for `lesson` time at `speed`, cut to `cap_ms`; true if it was cut.
pub fn capped_ms(lesson: Duration, speed: f64, cap_ms: f64) -> (f64, bool) {
    let ms = lesson.as_secs_f64() * 1000.0 / speed;
    (ms.min(cap_ms), ms > cap_ms)
}

/// [`capped_ms`] at the current run's speed.
pub fn real_ms(lesson: Duration, cap_ms: f64) -> (f64, bool) {
    capped_ms(lesson, speed(), cap_ms)
}

/// Lesson seconds for `ms` of real time at the current run's speed.
pub fn lesson_secs(ms: f64) -> f64 {
    ms * speed() / 1000.0
}

/// Prints a beat every `every` until `stop` is set, and returns the longest gap between
/// two beats in lesson seconds: measured on the real clock, so a frozen loop shows.
pub async fn heartbeat(every: Duration, stop: Rc<Cell<bool>>) -> f64 {
    let (mut last, mut longest, mut beats) = (clock::now(), 0.0_f64, 0);
    while !stop.get() {
        let now = clock::now();
        longest = longest.max(now - last);
        last = now;
        beats += 1;
        print(&format!("tık {beats}"), &format!("tick {beats}"));
        sleep(every).await;
    }
    lesson_secs(longest)
}

/// `count_primes(seconds)`: the whole job in one call that never awaits. The task is
/// polled once, and that poll lasts as long as the job.
fn count_primes(ms: f64) -> PrimeCount {
    let mut count = PrimeCount::new();
    count.work_for(ms);
    count
}

/// The same job in short chunks with `await asyncio.sleep(0)` between them: each yield
/// lets the loop run whoever else is ready (the heartbeat) before the next chunk.
async fn count_primes_in_chunks(ms: f64) -> PrimeCount {
    let mut count = PrimeCount::new();
    let mut left = ms;
    while left > 0.0 {
        left -= count.work_for(left.min(CHUNK_MS));
        yield_now().await;
    }
    count
}

/// `await asyncio.to_thread(count_primes, seconds)`: the browser's threads are Web
/// Workers. The job goes to a worker running `www/worker.js` (the same count in JS), and
/// this task waits, like any await, until the worker posts the answer back.
async fn count_primes_in_worker(ms: f64) -> Result<PrimeCount, String> {
    let worker = worker::WorkerThread::start()?;
    worker.count_primes(ms).await
}

/// Where the job runs: the three variants.
#[derive(Clone, Copy)]
enum How {
    Blocking,
    Chunked,
    Worker,
}

async fn main(how: How, seconds: f64) {
    print("Ana program başlıyor", "Main program starting");
    let stop = Rc::new(Cell::new(false));
    let beat = spawn("heartbeat", heartbeat(BEAT, Rc::clone(&stop)));
    sleep(Duration::from_millis(500)).await;

    let (ms, capped) = real_ms(Duration::from_secs_f64(seconds), MAX_JOB_MS);
    print(&format!("Asal sayılar {seconds} sn boyunca sayılıyor"), &format!("Counting primes for {seconds} s"));
    if capped {
        print(
            &format!("(sayfa uzun süre donmasın diye gerçek zamanda {} sn ile sınırlı)", MAX_JOB_MS / 1000.0),
            &format!("(capped at {} s of real time so the page never freezes for long)", MAX_JOB_MS / 1000.0),
        );
    }
    // Each variant runs the job as its own task, so it gets its own lane on the timeline.
    let result = match how {
        How::Blocking => spawn("count_primes", async move { Ok(count_primes(ms)) }).await,
        How::Chunked => spawn("count_primes", async move { Ok(count_primes_in_chunks(ms).await) }).await,
        How::Worker => spawn("count_primes", count_primes_in_worker(ms)).await,
    };
    match result {
        Ok(Ok(count)) => print(
            &format!("{} sayısının altında {} asal sayı bulundu", count.below, count.found),
            &format!("Found {} primes below {}", count.found, count.below),
        ),
        Ok(Err(why)) => print(&format!("Worker hata verdi: {why}"), &format!("The worker failed: {why}")),
        Err(_) => return, // cancelled with the run
    }
    if matches!(how, How::Worker) && virtual_time() {
        print(
            "(sanal saat worker çalışırken durdu: döngünün dışında geçen süreyi bilemez)",
            "(the virtual clock stood still while the worker worked: it cannot know how long the outside takes)",
        );
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
    id: "blocking",
    title: Text { tr: "Engelleyici kod ve to_thread", en: "Blocking code and to_thread" },
    summary: Text {
        tr: "heartbeat her 0.2 sn'de bir tıklarken count_primes yaklaşık bir saniye asal sayı sayar: \
             gerçek, CPU'ya bağlı bir iş. Tek seferde, parça parça ya da bir Web Worker'da \
             (tarayıcının asyncio.to_thread'i) çalıştırın.",
        en: "heartbeat beats every 0.2 s while count_primes counts primes for about a second: real, \
             CPU-bound work. Run it in one go, in chunks, or in a Web Worker (the browser's \
             asyncio.to_thread).",
    },
    notice: Text {
        tr: "Engelleyici çeşitte count_primes await etmeyen tek bir uzun adımdır: o sürerken heartbeat'in şeridi boş \
             kalır ve sayfa da çizilmez; en uzun kalp atışı arası işin süresi kadardır. Parçalı çeşitte \
             heartbeat, parçaların arasında biraz gecikerek çalışır. Worker'da count_primes yalnızca \
             bekler ve heartbeat hiç aksamaz.",
        en: "In the blocking variant count_primes is one long step with no await: while it lasts, heartbeat's lane \
             stays empty and the page does not draw; the longest gap between heartbeats is as long \
             as the job. In chunks, heartbeat runs between them, a little late. In the worker, \
             count_primes only waits and heartbeat never misses a beat.",
    },
    seed: "004 · Engelleyici Kod",
    rust_file: "blocking.rs",
    controls: &[],
    params: &[Param::seconds("job", Text { tr: "İşin süresi", en: "Job length" }, 0.2, 3.0, 1.0)],
    variants: &[
        Variant {
            id: "blocking",
            label: Text { tr: "engelleyici (tek seferde)", en: "blocking (in one go)" },
            python_file: py!("blocking"),
            root: "main",
            start: |args: &Args| Box::pin(main(How::Blocking, args.get("job"))),
        },
        Variant {
            id: "chunked",
            label: Text { tr: "parça parça (sleep(0))", en: "in chunks (sleep(0))" },
            python_file: py!("blocking_chunked"),
            root: "main",
            start: |args: &Args| Box::pin(main(How::Chunked, args.get("job"))),
        },
        Variant {
            id: "worker",
            label: Text { tr: "Web Worker'da (to_thread)", en: "in a Web Worker (to_thread)" },
            python_file: py!("blocking_worker"),
            root: "main",
            start: |args: &Args| Box::pin(main(How::Worker, args.get("job"))),
        },
    ],
};

// ---- the Web Worker behind `count_primes_in_worker` ----

pub use worker::set_worker_url;

/// Which script the worker runs, the job it is sent and the count it answers; the browser's
/// Worker calls are the host's (`runtime::host`).
mod worker {
    use std::cell::RefCell;
    use std::future::{poll_fn, Future};
    use std::pin::pin;

    use super::PrimeCount;
    use loopscope_core::runtime::host::{self, Failure};
    use loopscope_core::runtime::waiting_on;
    use loopscope_core::trace::record::WakeCause;

    thread_local! {
        static WORKER_URL: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    /// Tells the lesson where the site serves `www/worker.js` (the page does, before any
    /// run; the browser tests give it a Blob URL of the same script). The wasm does not carry
    /// the script itself: the page has it as a file.
    pub fn set_worker_url(url: &str) {
        WORKER_URL.with(|u| *u.borrow_mut() = Some(url.to_owned()));
    }

    /// The worker script's URL, as set.
    fn worker_url() -> Result<String, Failure> {
        WORKER_URL
            .with(|u| u.borrow().clone())
            .ok_or_else(|| Some("the page has not said where worker.js is (setWorkerUrl)".into()))
    }

    /// What a failed call or a worker's error event says, for the printed error.
    fn describe(failure: Failure) -> String {
        failure.unwrap_or_else(|| "worker.js could not be loaded".into())
    }

    /// A Web Worker running `www/worker.js`, stopped when dropped: a run cancelled
    /// mid-job stops its worker's CPU work too.
    pub struct WorkerThread(host::Worker);

    impl WorkerThread {
        pub fn start() -> Result<WorkerThread, String> {
            let url = worker_url().map_err(describe)?;
            host::Worker::start(&url).map(WorkerThread).map_err(describe)
        }

        /// Posts the job (its length in real ms) and waits for the worker's count: an
        /// external wake, and a wait on the outside while it is pending.
        pub async fn count_primes(&self, ms: f64) -> Result<PrimeCount, String> {
            let mut reply = pin!(self.0.ask(ms));
            let answer = poll_fn(|cx| {
                let poll = reply.as_mut().poll(cx);
                if poll.is_pending() {
                    waiting_on(WakeCause::External, 0);
                }
                poll
            })
            .await
            .map_err(describe)?;
            match (answer.number("below"), answer.number("found")) {
                (Some(below), Some(found)) => Ok(PrimeCount { below: below as u32, found: found as u32 }),
                _ => Err("worker.js answered without a count".into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_primes_one_by_one_finds_the_known_counts() {
        let mut count = PrimeCount::new();
        while count.below < 1000 {
            count.check_next();
        }
        assert_eq!(count.found, 168);
        assert!([2, 3, 5, 7, 97, 7919].iter().all(|&p| is_prime(p)));
        assert!([0, 1, 4, 9, 91, 7917].iter().all(|&n| !is_prime(n)));
    }

    #[test]
    fn a_job_longer_than_the_cap_is_cut_to_it_in_real_time() {
        assert_eq!(capped_ms(Duration::from_secs(1), 20.0, MAX_JOB_MS), (50.0, false));
        assert_eq!(capped_ms(Duration::from_secs(3), 0.1, MAX_JOB_MS), (MAX_JOB_MS, true));
    }
}
