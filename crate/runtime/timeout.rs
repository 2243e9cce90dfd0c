//! `timeout`: `asyncio.wait_for` for futures. The future and a [`sleep`] race; whichever
//! loses is dropped, so a timed-out future is cancelled (its own timers cleared) and a
//! future that wins clears the timeout's timer.

use std::future::Future;
use std::time::Duration;

use futures::future::{select, Either};

use super::sleep::sleep;

/// The future did not finish in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed;

/// Runs `future` for at most `limit` of lesson time.
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Result<F::Output, Elapsed> {
    let future = std::pin::pin!(future);
    let timer = std::pin::pin!(sleep(limit));
    match select(future, timer).await {
        Either::Left((output, _timer)) => Ok(output),
        Either::Right(((), _future)) => Err(Elapsed),
    }
}
