//! Many tasks under load (for engineers; not from a seed).
//!
//! `tasks` workers start at once. Each naps a short random while (seeded, so the same seed
//! gives the same naps), then yields a few times like `await asyncio.sleep(0)`, and goes
//! round again until its naps add up to the run time. Thousands of workers keep the loop
//! busy with short polls and many timers: the lesson for watching the loop's budget and the
//! per-task statistics under load, and the run `make bench` times the page's frames with.

use std::time::Duration;

use futures::future::join_all;

use super::random::Random;
use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{print, sleep, spawn, yield_now};

/// What every worker does, as the learner set it.
#[derive(Clone, Copy, Debug)]
pub struct Load {
    /// How long a worker keeps going: the sum of its naps, in lesson time.
    pub run_time: Duration,
    /// The longest nap in ms; each nap is a whole number of ms from 1 to this.
    pub longest_nap_ms: u32,
    /// How many times a worker yields after each nap.
    pub yields: u32,
    /// Where the naps' random numbers start.
    pub seed: u32,
}

impl Load {
    /// Worker `i`'s own dice: the same seed gives every worker the same naps, run after run.
    pub fn dice(&self, i: u32) -> Random {
        Random::new(self.seed.wrapping_mul(10_007).wrapping_add(i))
    }

    /// The next nap: a whole number of ms from 1 to the longest.
    pub fn nap(&self, dice: &mut Random) -> Duration {
        let ms = 1 + (dice.next_f64() * f64::from(self.longest_nap_ms)) as u32;
        Duration::from_millis(u64::from(ms.min(self.longest_nap_ms)))
    }
}

/// One worker: naps, then yields, until its naps add up to the run time. Returns its rounds
/// (one nap and its yields each). It is polled rounds × (yields + 1) + 1 times.
async fn worker(i: u32, load: Load) -> u32 {
    let mut dice = load.dice(i);
    let (mut slept, mut rounds) = (Duration::ZERO, 0);
    while slept < load.run_time {
        let nap = load.nap(&mut dice);
        sleep(nap).await;
        slept += nap;
        for _ in 0..load.yields {
            yield_now().await; // `await asyncio.sleep(0)`: back of the line, once
        }
        rounds += 1;
    }
    rounds
}

/// `asyncio.create_task` for every worker at once, then `await asyncio.gather(*tasks)`.
async fn stress(tasks: u32, load: Load) {
    let secs = load.run_time.as_secs_f64();
    print(
        &format!("{tasks} görev başlıyor, her biri {secs} sn boyunca"),
        &format!("{tasks} tasks starting, each for {secs} s"),
    );
    let workers: Vec<_> = (0..tasks).map(|i| spawn(format!("worker_{i}"), worker(i, load))).collect();
    let rounds: u64 = join_all(workers).await.into_iter().flatten().map(u64::from).sum();
    let polls = rounds * u64::from(load.yields + 1) + u64::from(tasks);
    print(
        &format!("{tasks} görev bitti: {rounds} tur, {polls} adım"),
        &format!("{tasks} tasks done: {rounds} rounds, {polls} steps"),
    );
}

// ---- catalogue: how the page lists this lesson ----

fn load(args: &Args) -> Load {
    Load {
        run_time: args.secs("seconds"),
        longest_nap_ms: args.count("sleep"),
        yields: args.count("yields"),
        seed: args.count("seed"),
    }
}

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "stress",
    title: Text { tr: "Yük altında binlerce görev", en: "Thousands of tasks under load" },
    summary: Text {
        tr: "Mühendisler için bir yük testi: görev sayısı kadar işçi aynı anda başlar. Her biri kısa, \
             rastgele bir süre uyur (tohumlu: aynı tohum aynı uykuları verir), sonra birkaç kez \
             asyncio.sleep(0) gibi sırayı bırakır ve uykuları çalışma süresini doldurana kadar bunu \
             tekrarlar. 100.000 göreve kadar çıkabilir; make bench sayfanın kare süresini bu dersle ölçer.",
        en: "A load test for engineers: as many workers as tasks start at once. Each sleeps a short \
             random while (seeded: the same seed gives the same sleeps), then gives up its turn a few \
             times like asyncio.sleep(0), and goes round again until its sleeps fill the run time. It \
             goes up to 100,000 tasks; make bench times the page's frames with this lesson.",
    },
    notice: Text {
        tr: "Döngü şeridi kısa adımlarla dolu döngü turlarıyla dolar. Bir tur 8 ms'lik bütçesini \
             harcayınca sırayı tarayıcıya devreder (tur devirle biter) ve sayfa çizmeye devam eder: \
             görev çok olsa da kareler akar. Her işçi tur × (yield + 1) + 1 adım çalışır; hazır \
             bekleme süresi (uyandı ama henüz çalışmadı, yani zamanlama gecikmesi) görev sayısı \
             arttıkça büyür, meşgul süre ise küçük kalır.",
        en: "The loop lane fills with loop passes full of short steps. When a pass has spent its \
             8 ms budget it hands the browser a turn (the pass ends with a hand-over) and the page \
             keeps drawing: frames go on however many tasks there are. Every worker runs rounds × \
             (yields + 1) + 1 steps; the ready time (woken but not run yet: the scheduling delay) \
             grows with the number of tasks, while the busy time stays small.",
    },
    seed: "",
    rust_file: "stress.rs",
    controls: &[],
    params: &[
        Param::count("tasks", Text { tr: "Görev sayısı", en: "Tasks" }, 1.0, 100_000.0, 200.0),
        Param::seconds("seconds", Text { tr: "Çalışma süresi", en: "Run time" }, 0.1, 60.0, 2.0),
        Param {
            id: "sleep",
            label: Text { tr: "En uzun uyku", en: "Longest sleep" },
            min: 1.0,
            max: 1000.0,
            default: 500.0,
            step: 1.0,
            unit: Text { tr: "ms", en: "ms" },
        },
        Param::count("yields", Text { tr: "Uykudan sonra yield", en: "Yields after a sleep" }, 0.0, 10.0, 3.0),
        Param::SEED,
    ],
    variants: &[Variant {
        id: "gather",
        label: Text { tr: "create_task + gather", en: "create_task + gather" },
        python_file: py!("stress"),
        root: "stress",
        start: |args: &Args| Box::pin(stress(args.count("tasks"), load(args))),
    }],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn naps_of(longest_nap_ms: u32, seed: u32, worker: u32, n: usize) -> Vec<Duration> {
        let load = Load { run_time: Duration::from_secs(2), longest_nap_ms, yields: 3, seed };
        let mut dice = load.dice(worker);
        (0..n).map(|_| load.nap(&mut dice)).collect()
    }

    #[test]
    fn naps_are_whole_milliseconds_from_one_to_the_longest() {
        for longest in [1, 2, 7, 200, 1000] {
            let naps = naps_of(longest, 1, 0, 2000);
            assert!(naps.iter().all(|n| n.subsec_nanos() % 1_000_000 == 0));
            assert!(naps.iter().all(|n| (1..=u128::from(longest)).contains(&n.as_millis())), "{longest}");
        }
        // Both ends are reached: the range really is 1..=longest.
        let ms: Vec<u128> = naps_of(7, 1, 0, 2000).iter().map(Duration::as_millis).collect();
        assert!(ms.contains(&1) && ms.contains(&7));
    }

    #[test]
    fn the_same_seed_gives_every_worker_the_same_naps_and_workers_differ() {
        assert_eq!(naps_of(200, 5, 3, 20), naps_of(200, 5, 3, 20));
        assert_ne!(naps_of(200, 5, 3, 20), naps_of(200, 5, 4, 20));
        assert_ne!(naps_of(200, 5, 3, 20), naps_of(200, 6, 3, 20));
    }

    #[test]
    fn the_parameters_allow_ten_thousand_tasks_and_default_to_a_quick_run() {
        let tasks = LESSON.params.iter().find(|p| p.id == "tasks").unwrap();
        assert_eq!((tasks.min, tasks.max, tasks.default), (1.0, 100_000.0, 200.0));
        let args = Args::defaults(LESSON.params);
        assert_eq!(load(&args).run_time, Duration::from_secs(2));
        let sleep = LESSON.params.iter().find(|p| p.id == "sleep").unwrap();
        assert!(sleep.min >= 1.0, "a zero nap would never fill the run time");
    }
}
