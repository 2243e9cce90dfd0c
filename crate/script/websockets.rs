//! `websockets`, bound to the page's simulated server: the WebSocket lesson's server, so the
//! seed's `_connect` loop runs as written and the lesson's fault buttons act on it.
//!
//! The first connection of a run starts the server as a task of that run (lane `server`),
//! whatever the address: the page has no network, and every address reaches it. It sends a
//! numbered JSON message (`{"number": 1}`) every half second and answers pings. The stand-in
//! tells it the last number the script received, so a reconnect continues the numbering.
//! `connect` works as `async with websockets.connect(url) as ws:`; `ws.recv()`, `ws.ping()`
//! (whose result, awaited, is the pong) and `ws.close()` are what the seed uses. Tutorials
//! also `await ws.send(text)` (the server takes it and does not answer) and read with
//! `async for message in ws:` (which ends once the script closed the connection, and raises
//! `ConnectionClosedError` when it is cut, as the library's does).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use super::aio::{leaf, Native};
use super::ast::Name;
use super::interp::Interp;
use super::value::*;
use loopscope_lessons::websocket::websockets::{self as net, Address, WebSocket};

/// How often the simulated server sends a message.
const INTERVAL: Duration = Duration::from_millis(500);

/// The run's side of the simulated network: the server once started, and the last message
/// number the script received.
#[derive(Default)]
pub struct Network {
    server: RefCell<Option<Address>>,
    last_seen: Rc<Cell<u32>>,
}

/// What `websockets.connect(url)` gives: a connection, opened by `async with` (or `await`).
pub struct Connection {
    address: Address,
    last_seen: Rc<Cell<u32>>,
    socket: Rc<RefCell<Option<Rc<WebSocket>>>>,
}

thread_local! {
    /// `websockets.exceptions.ConnectionClosed` and its `ConnectionClosedError`.
    static CLOSED: (Rc<Class>, Rc<Class>) = {
        let closed = Class::named("ConnectionClosed", Some(&exc_class("Exception")), Kind::Exception);
        let error = Class::named("ConnectionClosedError", Some(&closed), Kind::Exception);
        (closed, error)
    };
}

/// `websockets.exceptions`' classes, by name.
pub fn exception_classes() -> [(&'static str, Value); 2] {
    CLOSED.with(|(closed, error)| {
        [
            ("ConnectionClosed", Value::Class(Rc::clone(closed))),
            ("ConnectionClosedError", Value::Class(Rc::clone(error))),
        ]
    })
}

fn closed_error() -> Exc {
    let class = CLOSED.with(|(_, error)| Rc::clone(error));
    new_exception(class, vec![Value::str("no close frame received or sent")])
}

/// `websockets.connect(uri, ...)`: the other arguments (`ssl`, `ping_interval`…) are accepted
/// and change nothing here.
pub fn connect(interp: &Interp, _: &'static str, args: Vec<Value>, _kw: Vec<(Name, Value)>) -> PyResult {
    if args.is_empty() {
        return raise("TypeError", "connect() missing 1 required positional argument: 'uri'");
    }
    let network = &interp.host.websockets;
    let address =
        network.server.borrow_mut().get_or_insert_with(|| loopscope_lessons::websocket::start_server(INTERVAL)).clone();
    Ok(Value::Native(Rc::new(Native::WebSocket(Connection {
        address,
        last_seen: Rc::clone(&network.last_seen),
        socket: Rc::default(),
    }))))
}

/// The methods of connection `n` (whose [`Native`] is a [`Connection`]).
pub fn method(name: &'static str, n: &Rc<Native>, args: &[Value]) -> PyResult {
    let Native::WebSocket(c) = &**n else { return raise("TypeError", "descriptor needs a websocket") };
    match name {
        // `async with connect(url) as ws` and `ws = await connect(url)`: `ws` is the connection.
        "__aenter__" => {
            let (address, last_seen, socket) = (c.address.clone(), Rc::clone(&c.last_seen), Rc::clone(&c.socket));
            let me = Value::Native(Rc::clone(n));
            Ok(leaf("connect", async move {
                let ws = net::connect(&address, last_seen.get())
                    .await
                    .map_err(|_| exc("ConnectionRefusedError", "[Errno 111] Connect call failed"))?;
                *socket.borrow_mut() = Some(Rc::new(ws));
                Ok(me)
            }))
        }
        // `async for message in ws`: its messages, until it is closed.
        "__aiter__" if c.socket.borrow().is_some() => Ok(Value::Native(Rc::clone(n))),
        // `async for ws in websockets.connect(url)`, the library's reconnecting loop.
        "__aiter__" => crate::interp::unsupported("async for over websockets.connect() (reconnecting)"),
        "__anext__" if c.socket.borrow().is_none() => Ok(leaf(name, async { Err(exc("StopAsyncIteration", "")) })),
        // Closing drops the socket: the server sees the client leave.
        "__aexit__" | "close" => {
            c.socket.borrow_mut().take();
            Ok(leaf(name, async { Ok(Value::None) }))
        }
        _ => {
            let socket = c.socket.borrow().clone();
            match socket {
                Some(ws) => socket_method(name, ws, Rc::clone(&c.last_seen), args),
                None => Err(closed_error()),
            }
        }
    }
}

fn socket_method(name: &'static str, ws: Rc<WebSocket>, last_seen: Rc<Cell<u32>>, args: &[Value]) -> PyResult {
    match name {
        "recv" | "__anext__" => Ok(leaf(name, async move {
            match ws.recv().await {
                Ok(m) => {
                    last_seen.set(m.number);
                    Ok(Value::string(format!("{{\"number\": {}}}", m.number)))
                }
                Err(_) => Err(closed_error()),
            }
        })),
        "ping" => Ok(leaf("ping", async move {
            ws.send_ping().map_err(|_| closed_error())?;
            Ok(leaf("pong", async move { ws.pong().await.map(|()| Value::None).map_err(|_| closed_error()) }))
        })),
        // A message to the server, which takes it and answers nothing (its messages are
        // numbered, whatever the script says).
        "send" => {
            match args.len() {
                0 => return raise("TypeError", "send() missing 1 required positional argument: 'message'"),
                1 => {}
                n => {
                    return raise("TypeError", format!("send() takes 2 positional arguments but {} were given", n + 1))
                }
            }
            Ok(leaf("send", async move {
                ws.send(loopscope_lessons::websocket::Message { number: 0 }).map_err(|_| closed_error())?;
                Ok(Value::None)
            }))
        }
        _ => super::builtins::unsupported_method("ClientConnection", name),
    }
}
