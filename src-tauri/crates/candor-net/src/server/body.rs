//! Reading a request body at a pace: a client that sends too slowly is cut off rather than
//! left to hold the server's memory and its connection.

use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use tokio::time::Instant;

/// How fast a body must come: within `grace` of starting, and then at least `min_rate`
/// bytes per second on average since the start. A body of `n` bytes therefore has at
/// most `grace + n / min_rate` in all, and a client that stops sending is cut off at most
/// `grace` (plus what it sent, at `min_rate`) after it stops.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pace {
    pub grace: Duration,
    pub min_rate: u64,
}

impl Pace {
    /// When byte `received + 1` must have arrived.
    fn deadline(&self, started: Instant, received: usize) -> Instant {
        let allowed = (received as f64 + 1.0) / self.min_rate.max(1) as f64;
        started + self.grace + Duration::from_secs_f64(allowed.min(1e9))
    }
}

/// Why a body was not read whole.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Unread {
    /// Slower than the pace allows.
    TooSlow,
    /// Over the limit.
    TooLarge,
    /// The connection broke, or the body was malformed.
    Broken,
}

/// Reads the body into memory: at most `max` bytes, at `pace`. `expected` (the declared
/// length) is reserved as the first bytes arrive.
pub(super) async fn read(
    body: &mut Incoming,
    max: usize,
    expected: Option<usize>,
    pace: Pace,
) -> Result<Vec<u8>, Unread> {
    let mut bytes = Vec::new();
    consume(body, max, pace, |chunk| {
        if bytes.capacity() == 0 {
            bytes.reserve_exact(expected.unwrap_or(0).clamp(chunk.len(), max));
        }
        bytes.extend_from_slice(chunk);
    })
    .await?;
    Ok(bytes)
}

/// Reads the body and throws it away: at most `max` bytes, at `pace`. Answering before the
/// body is read would close the connection with the body unread, which the client's TCP
/// stack may see as a reset before it reads the answer; so a refusal that the client
/// should act on (come back later) is given after its body.
pub(super) async fn discard(body: &mut Incoming, max: usize, pace: Pace) -> Result<(), Unread> {
    consume(body, max, pace, |_| {}).await
}

async fn consume(
    body: &mut Incoming,
    max: usize,
    pace: Pace,
    mut keep: impl FnMut(&[u8]),
) -> Result<(), Unread> {
    let started = Instant::now();
    let mut received = 0usize;
    loop {
        let frame = tokio::time::timeout_at(pace.deadline(started, received), body.frame())
            .await
            .map_err(|_| Unread::TooSlow)?;
        let Some(frame) = frame else {
            return Ok(());
        };
        let frame = frame.map_err(|_| Unread::Broken)?;
        if let Ok(data) = frame.into_data() {
            received = received.saturating_add(data.len());
            if received > max {
                return Err(Unread::TooLarge);
            }
            keep(&data);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deadline_grows_with_what_was_sent() {
        let pace = Pace {
            grace: Duration::from_secs(10),
            min_rate: 1000,
        };
        let start = Instant::now();
        assert_eq!(
            pace.deadline(start, 0),
            start + Duration::from_secs(10) + Duration::from_millis(1)
        );
        assert_eq!(pace.deadline(start, 9_999), start + Duration::from_secs(20));
    }
}
