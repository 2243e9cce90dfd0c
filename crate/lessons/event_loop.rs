//! The event loop itself (seed 003, and seed 001's closing text).
//!
//! Three tasks, each waiting on something different: `sleeper` on a timer, `consumer` on a
//! queue the `producer` fills, `server` on a socket whose connection and data arrive as I/O
//! events sent by `client`. Whenever one suspends, the loop runs whichever is ready; the
//! trace records what each waiting task waits on (`Sleep`, `Wait`) and what woke it, which
//! is what the page's ready/waiting panel shows.

use std::time::Duration;

use futures::future::join_all;

use super::websocket::websockets::{self, Address, Frame, Listener};
use super::websocket::Message;
use super::{secs, Args, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{channel, print, sleep, spawn, Receiver, Sender};

const ADDRESS: &str = "tcp://127.0.0.1:8888";

/// Waits on a timer: the loop arms it and does not look at the task until it fires.
async fn sleeper(rounds: u32, pause: Duration) {
    for _ in 0..rounds {
        print(
            &format!("sleeper: {} sn uyuyor, askıya alındı; döngü hazır olan sıradaki göreve geçiyor", secs(pause)),
            &format!("sleeper: sleeping {} s, suspended; the loop moves on to the next ready task", secs(pause)),
        );
        sleep(pause).await;
        print(
            "sleeper: zamanlayıcı çaldı, döngü beni kaldığım yerden sürdürdü",
            "sleeper: the timer fired, the loop resumed me where I left off",
        );
    }
}

/// Puts a job in the queue every `every`; dropping `queue` at the end closes it.
async fn producer(rounds: u32, every: Duration, queue: Sender<u32>) {
    for job in 1..=rounds {
        sleep(every).await;
        let _ = queue.send(job);
        print(
            &format!("producer: iş {job} kuyrukta; consumer artık hazır"),
            &format!("producer: job {job} queued; consumer is ready now"),
        );
    }
}

/// Waits on the queue: suspended until the producer puts something in it.
async fn consumer(mut queue: Receiver<u32>) {
    loop {
        print(
            "consumer: kuyruğa bakıyor; boşsa kontrol döngüye döner",
            "consumer: checks the queue; if it is empty, control goes back to the loop",
        );
        let Some(job) = queue.recv().await else { break };
        print(&format!("consumer: kuyruktan iş {job} alındı"), &format!("consumer: took job {job} from the queue"));
    }
    print("consumer: kuyruk kapandı", "consumer: the queue is closed");
}

/// The seed's network server: it registers its socket, and the loop wakes it when a new
/// connection comes in or there is data to read.
async fn server(listener: Listener) {
    print(
        "server: soketi kaydetti, bağlantı bekliyor (I/O)",
        "server: socket registered, waiting for a connection (I/O)",
    );
    let mut ws = listener.accept().await;
    print(
        "server: yeni bağlantı; döngü beni bir I/O olayıyla uyandırdı",
        "server: new connection; the loop woke me with an I/O event",
    );
    loop {
        print(
            "server: sokete bakıyor; okunacak veri yoksa kontrol döngüye döner",
            "server: reads the socket; with no data to read, control goes back to the loop",
        );
        let Ok(Frame::Text(packet)) = ws.recv().await else { break };
        print(
            &format!("server: okunacak veri var: paket {}", packet.number),
            &format!("server: data to read: packet {}", packet.number),
        );
    }
    print("server: bağlantı kapandı", "server: the connection closed");
}

/// The other end of the socket, standing in for the network: a packet every `every`.
async fn client(rounds: u32, every: Duration, address: Address) {
    let Ok(ws) = websockets::connect(&address, 0).await else { return };
    for number in 1..=rounds {
        sleep(every).await;
        let _ = ws.send(Message { number });
        print(&format!("client: paket {number} gönderildi"), &format!("client: packet {number} sent"));
    }
    // Dropping `ws` closes the connection: one last I/O event for the server.
}

/// Starts the five tasks and waits for all of them, like `asyncio.gather`.
async fn main(rounds: u32, pause: Duration, queue_every: Duration, packet_every: Duration) {
    let (to_queue, queue) = channel();
    let (listener, address) = websockets::serve(ADDRESS);
    let tasks = vec![
        spawn("sleeper", sleeper(rounds, pause)),
        spawn("producer", producer(rounds, queue_every, to_queue)),
        spawn("consumer", consumer(queue)),
        spawn("server", server(listener)),
        spawn("client", client(rounds, packet_every, address)),
    ];
    join_all(tasks).await;
    print(
        "main: bütün görevler bitti, döngünün yapacak işi kalmadı",
        "main: every task is done, the loop has nothing left to run",
    );
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "event-loop",
    title: Text { tr: "Olay döngüsü", en: "The event loop" },
    summary: Text {
        tr: "Asenkron çerçeveler, olay döngüsü denen bir görev planlayıcıya (scheduler) ihtiyaç duyar. Döngü çalışan \
             bütün görevlerin kaydını tutar; bir görev askıya alınınca kontrol döngüye döner, döngü de başlatılacak \
             ya da devam ettirilecek başka bir görev bulur: buna işbirlikçi çoklu görev denir. Burada üç görev üç farklı şey bekler: sleeper bir zamanlayıcıyı, consumer \
             producer'ın doldurduğu kuyruğu, server client'ın yazdığı soketi.",
        en: "Asynchronous frameworks need a scheduler, usually called an event loop. It keeps track of \
             every running task; when one suspends, control returns to the loop, which finds another \
             task to start or resume: this is cooperative multitasking. Here three tasks wait on \
             three different things: sleeper on a timer, consumer on the queue the producer fills, \
             server on the socket the client writes to.",
    },
    notice: Text {
        tr: "Aynı anda en fazla bir görev çalışır; ötekiler bekler ve neyi beklediklerini panel gösterir: \
             sleeper uykusunu (bir zamanlayıcı), consumer kuyruğu, server soketi (G/Ç). Her bekleyen görev ancak beklediği şey onu uyandırınca yeniden çalışır: zamanlayıcı çalınca, producer kuyruğa \
             iş koyunca, client sokete paket yazınca.",
        en: "At most one task is busy at a time; the others wait, and the panel shows on what: sleeper on \
             its sleep (a timer), consumer on the queue, server on the socket (I/O). A waiting task runs \
             again only once what it waits on wakes it: the timer firing, the producer queueing a job, \
             the client writing a packet.",
    },
    seed: "003 · Olay Döngüsü",
    rust_file: "event_loop.rs",
    controls: &[],
    params: &[
        Param::count("rounds", Text { tr: "Tur sayısı", en: "Rounds" }, 1.0, 10.0, 4.0),
        Param::seconds("pause", Text { tr: "sleeper uykusu", en: "sleeper's sleep" }, 0.1, 3.0, 0.5),
        Param::seconds("queue_every", Text { tr: "Kuyruğa iş aralığı", en: "Job every" }, 0.1, 3.0, 0.8),
        Param::seconds("packet_every", Text { tr: "Paket aralığı", en: "Packet every" }, 0.1, 3.0, 0.6),
    ],
    variants: &[Variant {
        id: "loop",
        label: Text { tr: "zamanlayıcı, kuyruk, soket", en: "timer, queue, socket" },
        python_file: py!("event_loop"),
        root: "main",
        start: |args: &Args| {
            Box::pin(main(
                args.count("rounds"),
                args.secs("pause"),
                args.secs("queue_every"),
                args.secs("packet_every"),
            ))
        },
    }],
};
