//! A websocket client that survives a bad network (seed 001, "Async ile Websocket").
//!
//! The seed's `_connect` loop, run against a simulated server that is a task of the same
//! run: it sends a numbered message every interval and answers pings. The page's buttons
//! break it (drop the connection, stall, go down) and the client's loop recovers: a quiet
//! stream gets a ping, a ping without a pong a sleep and a reconnect. No real network: the
//! socket below the catalogue entry delivers frames as I/O events, so the timeline shows
//! what the client waits on.

use std::future::pending;
use std::time::Duration;

use futures::{select_biased, FutureExt};

use self::websockets::{Address, ConnectionClosed, Frame, Listener, ServerSocket};
use super::{secs, Args, Control, Lesson, Param, Text, Variant};
use loopscope_core::runtime::{listen_controls, print, sleep, spawn, timeout, Elapsed, JoinHandle, Receiver};

/// The simulated server's address (a script's `websockets.connect` reaches it at any address).
pub const ADDRESS: &str = "wss://loopscope.test/feed";

/// How long a stalled server stays silent: longer than the default quiet time plus
/// `PING_TIMEOUT`, so with the defaults a stall always ends in a reconnect.
const STALL_TIME: Duration = Duration::from_secs(3);
/// How long a server that went down refuses connections.
const DOWN_TIME: Duration = Duration::from_millis(2500);

/// What the server sends: the seed's JSON, reduced to the number that keeps the stream in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    /// 1, 2, 3… in the order the server sends them.
    pub number: u32,
}

/// `SocketListener = Callable[[dict], None]`
type SocketListener = fn(&Message);

/// The seed's class attributes (`self.PING_TIMEOUT`, `self.SLEEP_TIME`), plus how long a
/// quiet stream is tolerated: the seed's `ws.recv()` raising `asyncio.TimeoutError`.
struct Client {
    recv_timeout: Duration,
    ping_timeout: Duration,
    sleep_time: Duration,
}

impl Client {
    async fn _connect(self, address: Address, callback: SocketListener) {
        // The seed reconnects but would skip whatever was sent meanwhile; telling the
        // server the last number seen lets it continue from there: nothing lost, nothing twice.
        let mut last_seen = 0;
        loop {
            let ws = match websockets::connect(&address, last_seen).await {
                Ok(ws) => ws,
                // except (ConnectionRefusedError, ConnectionClosedError): sleep, then continue
                Err(_refused) => {
                    print(
                        &format!("bağlantı reddedildi: {} sn sonra yeniden denenecek", secs(self.sleep_time)),
                        &format!("connection refused: retrying in {} s", secs(self.sleep_time)),
                    );
                    sleep(self.sleep_time).await;
                    continue;
                }
            };
            print(&format!("bağlandı: {}", address.url()), &format!("connected to {}", address.url()));
            loop {
                let failure = match timeout(self.recv_timeout, ws.recv()).await {
                    Ok(Ok(message)) => {
                        last_seen = message.number;
                        callback(&message);
                        continue;
                    }
                    // except (asyncio.TimeoutError, websockets.exceptions.ConnectionClosed):
                    Err(Elapsed) => ("akış sessiz: ping gönderiliyor", "the stream is quiet: sending a ping"),
                    Ok(Err(ConnectionClosed)) => {
                        ("bağlantı kapandı: yine de ping", "the connection closed: pinging anyway")
                    }
                };
                print(failure.0, failure.1);
                // pong = await ws.ping(); await asyncio.wait_for(pong, timeout=self.PING_TIMEOUT)
                match timeout(self.ping_timeout, ws.ping()).await {
                    Ok(Ok(())) => {
                        print("pong geldi: bağlantı canlı", "pong received: the connection is alive");
                        continue;
                    }
                    Err(Elapsed) => print(
                        &format!("{} sn içinde pong gelmedi", secs(self.ping_timeout)),
                        &format!("no pong within {} s", secs(self.ping_timeout)),
                    ),
                    Ok(Err(ConnectionClosed)) => print("ping gönderilemedi", "the ping could not be sent"),
                }
                print(
                    &format!("{} sn uyuyup yeniden bağlanılacak", secs(self.sleep_time)),
                    &format!("sleeping {} s, then reconnecting", secs(self.sleep_time)),
                );
                sleep(self.sleep_time).await;
                break; // dropping `ws` closes the connection
            }
        }
    }

    fn _create_task(self, address: Address, callback: SocketListener) -> JoinHandle<()> {
        spawn("_connect", self._connect(address, callback))
    }
}

fn callback_func(message: &Message) {
    print(&format!("mesaj {} alındı", message.number), &format!("message {} received", message.number));
}

/// What woke the server.
enum Event {
    Button(&'static str),
    Connected(ServerSocket),
    Ping,
    Left,
    Tick,
}

/// The other side: a numbered message every `interval`, a pong for every ping, and a
/// fault whenever the page's buttons say so.
async fn server(listener: Listener, mut buttons: Receiver<&'static str>, interval: Duration) {
    print(&format!("sunucu dinliyor: {ADDRESS}"), &format!("server listening on {ADDRESS}"));
    let mut connection: Option<ServerSocket> = None;
    let mut number = 0;
    // The wait for the next message: it goes on through a script's own messages (sent more
    // often than `interval`, they would otherwise hold the numbered ones back for ever).
    let mut tick = None;
    loop {
        let event = match connection.as_mut() {
            // Nobody connected: wait for the client, still obeying the buttons.
            None => select_biased! {
                fault = button(&mut buttons).fuse() => Event::Button(fault),
                ws = listener.accept().fuse() => Event::Connected(ws),
            },
            Some(ws) => {
                let mut next = tick.get_or_insert_with(|| Box::pin(sleep(interval)).fuse());
                select_biased! {
                    fault = button(&mut buttons).fuse() => Event::Button(fault),
                    frame = ws.recv().fuse() => match frame {
                        Ok(Frame::Ping) => Event::Ping,
                        Ok(_) => continue, // a script's `ws.send(…)`: taken, not answered
                        Err(_) => Event::Left,
                    },
                    () = next => Event::Tick,
                }
            }
        };
        tick = None;
        let sent = match (event, &connection) {
            (Event::Button(fault), _) => {
                connection = misbehave(fault, connection.take(), &listener).await;
                continue;
            }
            (Event::Connected(ws), _) => {
                number = ws.last_seen;
                print(
                    &format!("istemci bağlandı: {}. mesajdan devam", number + 1),
                    &format!("client connected: continuing from message {}", number + 1),
                );
                connection = Some(ws);
                continue;
            }
            (Event::Tick, Some(ws)) => {
                number += 1;
                ws.send(Frame::Text(Message { number }))
            }
            (Event::Ping, Some(ws)) => ws.send(Frame::Pong),
            (Event::Left | Event::Tick | Event::Ping, _) => Err(ConnectionClosed),
        };
        if sent.is_err() {
            print("istemci ayrıldı", "the client left");
            connection = None;
        }
    }
}

/// The next button the learner presses; none ever comes once the run's listener is gone.
async fn button(buttons: &mut Receiver<&'static str>) -> &'static str {
    match buttons.recv().await {
        Some(name) => name,
        None => pending().await,
    }
}

/// The fault a button asks for. Returns the connection if it survives.
async fn misbehave(fault: &str, connection: Option<ServerSocket>, listener: &Listener) -> Option<ServerSocket> {
    match fault {
        "drop" => {
            match connection {
                Some(_) => print("arıza: bağlantı koparılıyor", "fault: dropping the connection"),
                None => print("arıza: koparılacak bağlantı yok", "fault: no connection to drop"),
            }
            None
        }
        "stall" => {
            print(
                &format!("arıza: sunucu {} sn cevap vermeyecek", secs(STALL_TIME)),
                &format!("fault: the server stops answering for {} s", secs(STALL_TIME)),
            );
            sleep(STALL_TIME).await;
            print("sunucu yine cevap veriyor", "the server answers again");
            connection
        }
        _refuse => {
            print(
                &format!("arıza: sunucu {} sn kapalı, bağlantılar reddediliyor", secs(DOWN_TIME)),
                &format!("fault: the server is down for {} s, refusing connections", secs(DOWN_TIME)),
            );
            drop(connection);
            listener.close();
            sleep(DOWN_TIME).await;
            listener.reopen();
            print("sunucu yeniden açık: bağlantılar kabul ediliyor", "the server is back up: accepting connections");
            None
        }
    }
}

/// `_create_task(ADDRESS, callback_func)`, run for `run_time`: the seed's loop never
/// ends, so the lesson stops it, and the loop cancels the tasks still running.
async fn main(client: Client, interval: Duration, run_time: Duration) {
    let address = start_server(interval);

    let task = client._create_task(address, callback_func);
    // asyncio.wait_for(task, RUN_TIME)
    let _ = timeout(run_time, task).await;
    print(
        &format!("{} sn doldu: döngü istemciyi ve sunucuyu iptal ediyor", secs(run_time)),
        &format!("{} s are up: the loop cancels the client and the server", secs(run_time)),
    );
}

/// Starts the simulated server as a task of the current run (lane `server`), obeying the
/// page's fault buttons, and returns where to connect. Script mode's `websockets` uses it too.
pub fn start_server(interval: Duration) -> Address {
    let (listener, address) = websockets::serve(ADDRESS);
    spawn("server", server(listener, listen_controls(), interval));
    address
}

// ---- catalogue: how the page lists this lesson ----

/// The lesson as the page lists it.
pub static LESSON: Lesson = Lesson {
    id: "websocket",
    title: Text { tr: "Kopan bağlantıyı yeniden kurmak", en: "Reconnecting a websocket" },
    summary: Text {
        tr: "Örnekteki _connect döngüsü, aynı döngüde çalışan sahte bir sunucuya bağlanır: numaralı \
             mesajları alır, akış susunca ping atar, pong gelmezse SLEEP_TIME uyuyup yeniden bağlanır. \
             İstemci son gördüğü numarayı söyler, sunucu oradan devam eder: hiçbir mesaj kaybolmaz, \
             hiçbiri iki kez gelmez.",
        en: "The example's _connect loop talks to a simulated server running on the same loop: it \
             receives numbered messages, pings when the stream goes quiet, and when no pong comes \
             sleeps SLEEP_TIME and reconnects. The client says the last number it saw and the server \
             continues from there: no message is lost, none comes twice.",
    },
    notice: Text {
        tr: "_connect çoğu zaman bekler (G/Ç): her mesaj sunucudan gelen bir I/O olayıyla onu uyandırır. \
             Düğmelerle arıza çıkarın: koparınca bağlantı hemen kapanır; sunucu susunca önce sessizlik \
             süresi, sonra PING_TIMEOUT dolar; sunucu kapanınca her deneme reddedilir ve SLEEP_TIME \
             kadar uykuyla ayrılır. Her durumda mesaj numaraları kaldığı yerden sürer.",
        en: "_connect spends most of its time waiting (I/O): each message wakes it with an I/O event \
             from the server. Break things with the buttons: cutting it closes the connection at once; \
             a stall lets the quiet time and then PING_TIMEOUT run out; while the server is down \
             every attempt is refused, one SLEEP_TIME apart. Either way the numbers continue where \
             they stopped.",
    },
    seed: "001 · Async ile Websocket",
    rust_file: "websocket.rs",
    controls: &[
        Control { id: "drop", label: Text { tr: "Bağlantıyı kopar", en: "Cut the connection" } },
        Control { id: "stall", label: Text { tr: "Sunucu sussun", en: "Stall the server" } },
        Control { id: "refuse", label: Text { tr: "Sunucu kapansın", en: "Take the server down" } },
    ],
    params: &[
        Param::seconds("interval", Text { tr: "Mesaj aralığı", en: "Message interval" }, 0.1, 2.0, 0.5),
        Param::seconds("recv_timeout", Text { tr: "Sessizlik süresi (recv)", en: "Quiet time (recv)" }, 0.2, 5.0, 1.0),
        Param::seconds("ping_timeout", Text { tr: "PING_TIMEOUT", en: "PING_TIMEOUT" }, 0.1, 3.0, 0.5),
        Param::seconds("sleep_time", Text { tr: "SLEEP_TIME", en: "SLEEP_TIME" }, 0.1, 5.0, 1.0),
        Param {
            id: "run_time",
            label: Text { tr: "Çalışma süresi", en: "Run time" },
            min: 2.0,
            max: 60.0,
            default: 8.0,
            step: 1.0,
            unit: Text { tr: "sn", en: "s" },
        },
    ],
    variants: &[Variant {
        id: "reconnect",
        label: Text { tr: "ping + yeniden bağlanma", en: "ping + reconnect" },
        python_file: py!(seed "websocket"),
        root: "main",
        start: |args: &Args| {
            let client = Client {
                recv_timeout: args.secs("recv_timeout"),
                ping_timeout: args.secs("ping_timeout"),
                sleep_time: args.secs("sleep_time"),
            };
            Box::pin(main(client, args.secs("interval"), args.secs("run_time")))
        },
    }],
};

/// The simulated network the lesson runs on, in the shape of the `websockets` package:
/// `serve`, `connect`, `recv`, `ping`. A connection is two queues of frames; a frame or a
/// close wakes its reader as an I/O event, and a reader waiting for one records that it
/// waits on I/O, so the timeline shows a socket wait, not a channel.
pub mod websockets {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::future::poll_fn;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};

    use super::Message;
    use loopscope_core::runtime::{waiting_on, waking_because};
    use loopscope_core::trace::record::WakeCause;

    /// One frame on the wire.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Frame {
        /// A data message.
        Text(Message),
        /// "Are you there?"
        Ping,
        /// "Yes."
        Pong,
    }

    /// The connection is closed: by either side, or by a server going down.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ConnectionClosed;

    /// Nobody accepts connections at the address now.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ConnectionRefused;

    #[derive(Default)]
    struct Queue {
        frames: VecDeque<Frame>,
        reader: Option<Waker>,
        closed: bool,
    }

    /// One direction of a connection. Frames sent before a close can still be read after
    /// it, as with TCP; only then does the reader see [`ConnectionClosed`].
    #[derive(Clone, Default)]
    struct Wire(Rc<RefCell<Queue>>);

    impl Wire {
        /// Queues `frame` and wakes the reader with an I/O event.
        fn send(&self, frame: Frame) -> Result<(), ConnectionClosed> {
            {
                let mut queue = self.0.borrow_mut();
                if queue.closed {
                    return Err(ConnectionClosed);
                }
                queue.frames.push_back(frame);
            }
            self.wake_reader();
            Ok(())
        }

        /// Closes this direction; a waiting reader wakes and sees the close.
        fn close(&self) {
            if !std::mem::replace(&mut self.0.borrow_mut().closed, true) {
                self.wake_reader();
            }
        }

        fn is_closed(&self) -> bool {
            self.0.borrow().closed
        }

        fn wake_reader(&self) {
            let reader = self.0.borrow_mut().reader.take();
            if let Some(reader) = reader {
                waking_because(WakeCause::Io, || reader.wake());
            }
        }

        /// Takes the first frame `pick` accepts, or waits (on I/O) for one.
        async fn take<T>(&self, pick: impl Fn(&Frame) -> Option<T>) -> Result<T, ConnectionClosed> {
            poll_fn(|cx: &mut Context<'_>| {
                let mut queue = self.0.borrow_mut();
                if let Some((i, value)) = queue.frames.iter().enumerate().find_map(|(i, f)| pick(f).map(|v| (i, v))) {
                    queue.frames.remove(i);
                    return Poll::Ready(Ok(value));
                }
                if queue.closed {
                    return Poll::Ready(Err(ConnectionClosed));
                }
                queue.reader = Some(cx.waker().clone());
                drop(queue);
                waiting_on(WakeCause::Io, 0);
                Poll::Pending
            })
            .await
        }
    }

    /// Both directions; dropping either end closes the connection for both sides.
    struct Connection {
        inbox: Wire,
        outbox: Wire,
    }

    impl Drop for Connection {
        fn drop(&mut self) {
            self.inbox.close();
            self.outbox.close();
        }
    }

    /// The client's end of a connection.
    pub struct WebSocket(Connection);

    impl WebSocket {
        /// `await ws.recv()`: the next message, waiting for it as an I/O event. A pong
        /// that comes too late stays unread: it is not a message.
        pub async fn recv(&self) -> Result<Message, ConnectionClosed> {
            self.0.inbox.take(|f| if let Frame::Text(m) = f { Some(*m) } else { None }).await
        }

        /// `await ws.send(message)`: a data message to the server.
        pub fn send(&self, message: Message) -> Result<(), ConnectionClosed> {
            self.0.outbox.send(Frame::Text(message))
        }

        /// `await (await ws.ping())`: sends a ping and waits for the pong.
        pub async fn ping(&self) -> Result<(), ConnectionClosed> {
            self.send_ping()?;
            self.pong().await
        }

        /// `await ws.ping()`: sends a ping.
        pub fn send_ping(&self) -> Result<(), ConnectionClosed> {
            self.0.outbox.send(Frame::Ping)
        }

        /// What `ws.ping()` returns, awaited: the next pong.
        pub async fn pong(&self) -> Result<(), ConnectionClosed> {
            self.0.inbox.take(|f| (*f == Frame::Pong).then_some(())).await
        }
    }

    /// The server's end of a connection.
    pub struct ServerSocket {
        connection: Connection,
        /// The last message number the client had when it connected.
        pub last_seen: u32,
    }

    impl ServerSocket {
        /// Sends a frame to the client.
        pub fn send(&self, frame: Frame) -> Result<(), ConnectionClosed> {
            self.connection.outbox.send(frame)
        }

        /// The next frame from the client.
        pub async fn recv(&mut self) -> Result<Frame, ConnectionClosed> {
            self.connection.inbox.take(|f| Some(*f)).await
        }
    }

    #[derive(Default)]
    struct Backlog {
        open: bool,
        waiting: VecDeque<ServerSocket>,
        acceptor: Option<Waker>,
    }

    /// The server's listening socket.
    pub struct Listener(Rc<RefCell<Backlog>>);

    /// Where the client connects: the URL and the listener behind it.
    #[derive(Clone)]
    pub struct Address {
        url: &'static str,
        backlog: Rc<RefCell<Backlog>>,
    }

    impl Address {
        /// The URL, for printing.
        pub fn url(&self) -> &'static str {
            self.url
        }
    }

    /// `websockets.serve`: starts listening at `url`.
    pub fn serve(url: &'static str) -> (Listener, Address) {
        let backlog = Rc::new(RefCell::new(Backlog { open: true, ..Backlog::default() }));
        (Listener(Rc::clone(&backlog)), Address { url, backlog })
    }

    /// `websockets.connect`: refused while the server is down; otherwise connected at
    /// once (the handshake completes in the listener's backlog, before `accept`), telling
    /// the server the last message number seen.
    pub async fn connect(address: &Address, last_seen: u32) -> Result<WebSocket, ConnectionRefused> {
        let (to_client, to_server) = (Wire::default(), Wire::default());
        let server_end = Connection { inbox: to_server.clone(), outbox: to_client.clone() };
        let acceptor = {
            let mut backlog = address.backlog.borrow_mut();
            if !backlog.open {
                return Err(ConnectionRefused);
            }
            backlog.waiting.push_back(ServerSocket { connection: server_end, last_seen });
            backlog.acceptor.take()
        };
        if let Some(acceptor) = acceptor {
            waking_because(WakeCause::Io, || acceptor.wake());
        }
        Ok(WebSocket(Connection { inbox: to_client, outbox: to_server }))
    }

    impl Listener {
        /// The next connection whose client is still there, waiting (on I/O) for one.
        pub async fn accept(&self) -> ServerSocket {
            poll_fn(|cx: &mut Context<'_>| {
                let mut backlog = self.0.borrow_mut();
                // Clients that gave up before being accepted are skipped (already closed:
                // dropping them wakes nobody).
                backlog.waiting.retain(|ws| !ws.connection.inbox.is_closed());
                if let Some(ws) = backlog.waiting.pop_front() {
                    return Poll::Ready(ws);
                }
                backlog.acceptor = Some(cx.waker().clone());
                drop(backlog);
                waiting_on(WakeCause::Io, 0);
                Poll::Pending
            })
            .await
        }

        /// Stops listening: new connections are refused and those not yet accepted closed.
        pub fn close(&self) {
            let dropped = {
                let mut backlog = self.0.borrow_mut();
                backlog.open = false;
                std::mem::take(&mut backlog.waiting)
            };
            drop(dropped); // outside the borrow: closing wakes their clients
        }

        /// Listens again.
        pub fn reopen(&self) {
            self.0.borrow_mut().open = true;
        }
    }
}
