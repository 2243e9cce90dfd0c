//! One doctor, many patients (seed 000, "Hastaneye gittiniz").
//!
//! The doctor is the event loop: examining a patient is real work that holds the loop, but
//! the doctor does not wait for anyone to heal. Each patient goes home with a prescription,
//! waits for the medicine to work (a sleep), and comes back for a check-up. The synchronous
//! doctor instead waits at each bedside until that patient has healed.

use std::time::Duration;

use futures::future::join_all;

use super::random::Random;
use super::{Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{busy, print, sleep, spawn};

/// Check-ups before a patient who is still not healed is referred, so every run ends.
const MAX_CHECKUPS: u32 = 5;

/// What the learner set: how long things take and how likely a cure is.
#[derive(Clone, Copy)]
struct Clinic {
    exam: Duration,
    medicine: Duration,
    heal: f64,
    seed: u32,
}

impl Clinic {
    /// An examination is work, not waiting: nothing else runs on the loop until it is done,
    /// just as the doctor sees one patient at a time.
    fn examine(&self) {
        busy(self.exam);
    }
}

async fn patient(number: u32, clinic: Clinic) {
    // Every patient has their own dice, so a patient heals at the same check-up whichever
    // doctor sees them: the two variants differ only in how the waits are arranged.
    let mut dice = Random::new(clinic.seed * 10 + number);
    clinic.examine();
    print(
        &format!("Hasta {number} muayene edildi, ilacı yazıldı"),
        &format!("Patient {number} examined, medicine prescribed"),
    );
    for checkup in 1..=MAX_CHECKUPS {
        // The patient goes home to take the medicine; the loop is free for others.
        sleep(clinic.medicine).await;
        clinic.examine();
        if dice.chance(clinic.heal) {
            print(
                &format!("Hasta {number} {checkup}. kontrolde iyileşti"),
                &format!("Patient {number} healed at check-up {checkup}"),
            );
            return;
        }
        if checkup < MAX_CHECKUPS {
            print(
                &format!("Hasta {number} iyileşmedi, yeni ilaç yazıldı"),
                &format!("Patient {number} not healed yet, new medicine prescribed"),
            );
        }
    }
    print(
        &format!("Hasta {number} {MAX_CHECKUPS} kontrolde de iyileşmedi, uzmana sevk edildi"),
        &format!("Patient {number} not healed after {MAX_CHECKUPS} check-ups, referred to a specialist"),
    );
}

/// The asynchronous doctor: every patient is a task, so while one waits for the medicine
/// the doctor examines the next.
async fn doctor(patients: u32, clinic: Clinic) {
    print("Doktor muayeneye başladı", "The doctor starts seeing patients");
    let patients: Vec<_> = (1..=patients).map(|n| spawn(format!("patient_{n}"), patient(n, clinic))).collect();
    join_all(patients).await;
    print("Bütün hastalar gitti, doktor işini bitirdi", "Every patient has left; the doctor is done");
}

/// The synchronous doctor: waits at each bedside until that patient is done, then takes
/// the next one.
async fn sync_doctor(patients: u32, clinic: Clinic) {
    print("Doktor muayeneye başladı", "The doctor starts seeing patients");
    for n in 1..=patients {
        patient(n, clinic).await;
    }
    print("Bütün hastalar gitti, doktor işini bitirdi", "Every patient has left; the doctor is done");
}

// ---- catalogue: how the page lists this lesson ----

fn clinic(args: &Args) -> Clinic {
    Clinic {
        exam: args.secs("exam"),
        medicine: args.secs("medicine"),
        heal: args.get("heal") / 100.0,
        seed: args.count("seed"),
    }
}

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "doctor",
    title: Text { tr: "Doktor ve hastalar", en: "The doctor and the patients" },
    summary: Text {
        tr: "Doktor (olay döngüsü) bir hastayı muayene eder, ilacını yazar ve o iyileşene kadar beklemeden \
             sıradaki hastayı alır. İlacın süresi dolunca hasta kontrole gelir: iyileşmişse gider, \
             iyileşmemişse yeni ilaç alır. Senkron doktor ise her hastanın başında iyileşene kadar bekler.",
        en: "The doctor (the event loop) examines a patient, writes a prescription and takes the next \
             patient instead of waiting for the first to heal. When the medicine has had its time, the \
             patient comes back for a check-up: healed, they leave; if not, they get new medicine. The \
             synchronous doctor waits at each bedside until that patient has healed.",
    },
    notice: Text {
        tr: "Doktor olay döngüsüdür: bir seferde yalnızca bir hastayı muayene edebilir. Muayeneler \
             hasta şeritlerindeki kısa meşgul çubuklarıdır ve birer birer gelir; doktorun şeridi \
             (en üstteki: Python çalıştırmasında main, Rust’ta doctor) yalnızca hastaları gather ile \
             bekler. Asenkron çeşitte hastaların ilaç beklemeleri üst üste biner ve \
             çalışma yaklaşık en uzun tedavi kadar sürer; senkron çeşitte tek bir şerit vardır, \
             beklemeler art arda dizilir ve süre tedavilerin toplamıdır. Muayene 0.05 sn’yi geçerse \
             her biri döngüyü tıkayan adım olarak işaretlenir. Aynı tohumla her hasta iki çeşitte de \
             aynı kontrolde iyileşir.",
        en: "The doctor is the event loop: it can examine one patient at a time. The examinations are \
             the short busy bars in the patients' lanes, one at a time; the doctor's own lane (the top \
             one: main in the Python run, doctor in the Rust) only gathers the patients. In the async \
             variant the patients' waits for their medicine overlap and the \
             run takes about as long as the longest treatment; the sync variant has a single lane, the \
             waits line up one after another and the run takes the sum of all treatments. Make an \
             examination longer than 0.05 s and each one is flagged as a loop hog. With the same seed \
             every patient heals at the same check-up in both variants.",
    },
    seed: "000 · Hastaneye gittiniz",
    rust_file: "doctor.rs",
    controls: &[],
    params: &[
        Param::count("patients", Text { tr: "Hasta sayısı", en: "Patients" }, 1.0, 8.0, 4.0),
        Param {
            id: "exam",
            label: Text { tr: "Muayene süresi", en: "Examination" },
            min: 0.01,
            max: 1.0,
            // Under the page's 50 ms hog threshold: a quick examination is the lesson's good
            // case; raise it past 0.05 s and the timeline flags each one as a loop hog.
            default: 0.04,
            step: 0.01,
            unit: Text { tr: "sn", en: "s" },
        },
        Param::seconds("medicine", Text { tr: "İlacın süresi", en: "Medicine takes" }, 0.1, 5.0, 1.0),
        Param {
            id: "heal",
            label: Text { tr: "Kontrolde iyileşme olasılığı", en: "Chance to heal at a check-up" },
            min: 0.0,
            max: 100.0,
            default: 50.0,
            step: 1.0,
            unit: Text { tr: "%", en: "%" },
        },
        Param::SEED,
    ],
    variants: &[
        Variant {
            id: "async",
            label: Text { tr: "asenkron doktor", en: "async doctor" },
            python_file: py!("doctor"),
            root: "doctor",
            start: |args: &Args| Box::pin(doctor(args.count("patients"), clinic(args))),
        },
        Variant {
            id: "sync",
            label: Text { tr: "senkron doktor (başında bekler)", en: "sync doctor (waits at the bedside)" },
            python_file: py!("doctor_sync"),
            root: "doctor",
            start: |args: &Args| Box::pin(sync_doctor(args.count("patients"), clinic(args))),
        },
    ],
};
