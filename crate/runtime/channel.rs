//! An unbounded channel between tasks, like `asyncio.Queue`: `send` never waits, `recv`
//! waits for the next message. A wake caused by a message is recorded as a *channel* wake,
//! with the sending task as the waker.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::context::waking_because;
use crate::trace::record::WakeCause;

struct Shared<T> {
    queue: VecDeque<T>,
    receiver: Option<Waker>,
    senders: usize,
    receiver_alive: bool,
}

/// The sending side; clone it for more senders. The channel closes when all are dropped.
pub struct Sender<T> {
    shared: Rc<RefCell<Shared<T>>>,
}

/// The receiving side.
pub struct Receiver<T> {
    shared: Rc<RefCell<Shared<T>>>,
}

/// A new channel.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let shared =
        Rc::new(RefCell::new(Shared { queue: VecDeque::new(), receiver: None, senders: 1, receiver_alive: true }));
    (Sender { shared: Rc::clone(&shared) }, Receiver { shared })
}

fn wake_receiver<T>(shared: &RefCell<Shared<T>>) {
    let waker = shared.borrow_mut().receiver.take();
    if let Some(waker) = waker {
        waking_because(WakeCause::Channel, || waker.wake());
    }
}

impl<T> Sender<T> {
    /// Queues a message and wakes the receiver. Returns the message back if the receiver
    /// is gone.
    pub fn send(&self, message: T) -> Result<(), T> {
        {
            let mut shared = self.shared.borrow_mut();
            if !shared.receiver_alive {
                return Err(message);
            }
            shared.queue.push_back(message);
        }
        wake_receiver(&self.shared);
        Ok(())
    }

    /// Whether the receiver still exists (a send would be delivered).
    pub fn is_open(&self) -> bool {
        self.shared.borrow().receiver_alive
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.shared.borrow_mut().senders += 1;
        Sender { shared: Rc::clone(&self.shared) }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let closed = {
            let mut shared = self.shared.borrow_mut();
            shared.senders -= 1;
            shared.senders == 0
        };
        if closed {
            wake_receiver(&self.shared);
        }
    }
}

impl<T> Receiver<T> {
    /// The next message, or `None` once every sender is gone and the queue is empty.
    pub fn recv(&mut self) -> Recv<'_, T> {
        Recv { receiver: self }
    }

    /// The next message if one is queued, without waiting.
    pub fn try_recv(&mut self) -> Option<T> {
        self.shared.borrow_mut().queue.pop_front()
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut shared = self.shared.borrow_mut();
        shared.receiver_alive = false;
        shared.queue.clear();
    }
}

/// The future returned by [`Receiver::recv`].
pub struct Recv<'a, T> {
    receiver: &'a mut Receiver<T>,
}

impl<T> Future for Recv<'_, T> {
    type Output = Option<T>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut shared = self.receiver.shared.borrow_mut();
        if let Some(message) = shared.queue.pop_front() {
            return Poll::Ready(Some(message));
        }
        if shared.senders == 0 {
            return Poll::Ready(None);
        }
        shared.receiver = Some(cx.waker().clone());
        drop(shared);
        super::context::waiting_on(WakeCause::Channel, 0);
        Poll::Pending
    }
}
