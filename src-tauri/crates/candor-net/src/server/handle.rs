//! One request, from its head to its answer: the rate limits, the memory it may take, its
//! body at a pace, and the intake, which takes one request at a time.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::body::{self, Unread};
use super::limits::client_address;
use super::{Received, Refused, Shared};

pub(super) type Answer = Response<Full<Bytes>>;

/// What a client told to come back later (503) is asked to wait: the wait for a slot on
/// the server's side already spaces its tries.
const BUSY_RETRY_AFTER: u64 = 1;

pub(super) async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Result<Answer, Infallible> {
    if request.uri().path() != "/intake" {
        return Ok(refusal(
            StatusCode::NOT_FOUND,
            "not-found",
            "nothing here; bundles and notices go to /intake",
        ));
    }
    if request.method() != Method::POST {
        let mut answer = refusal(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "send bundles and notices with POST",
        );
        answer
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return Ok(answer);
    }
    let Some(part) = asked_part(request.uri().query()) else {
        return Ok(refusal(
            StatusCode::BAD_REQUEST,
            "bad-part",
            "the part asked for is not a number from 1",
        ));
    };
    let client = client_address(peer.ip(), request.headers(), shared.trusted_proxy);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut body = request.into_body();

    let limited = shared
        .limits
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take(client);
    if let Err(seconds) = limited {
        shared.counts.rate_limited.fetch_add(1, Ordering::Relaxed);
        let answer = come_back(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "too many requests; try again after the time in Retry-After",
            seconds,
        );
        return Ok(after_body(&shared, &mut body, declared, answer).await);
    }
    // Refuse a declared length over the limit before reading anything.
    if declared.is_some_and(|length| length > shared.max_body) {
        return Ok(closing(too_large()));
    }

    // The body's share of the memory for bodies in hand: its declared length (or the
    // largest a body may be), held from before its first byte until it is filed.
    let share = declared
        .unwrap_or(shared.max_body)
        .clamp(1, shared.max_buffered);
    let share = u32::try_from(share).unwrap_or(u32::MAX);
    let memory = match tokio::time::timeout(
        shared.slot_wait,
        Arc::clone(&shared.memory).acquire_many_owned(share),
    )
    .await
    {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) => return Ok(closing(stopping())),
        Err(_) => {
            shared.counts.busy.fetch_add(1, Ordering::Relaxed);
            return Ok(after_body(&shared, &mut body, declared, busy()).await);
        }
    };
    let bytes = match body::read(&mut body, shared.max_body, declared, shared.pace).await {
        Ok(bytes) => bytes,
        Err(Unread::TooSlow) => {
            shared.counts.timed_out.fetch_add(1, Ordering::Relaxed);
            return Ok(closing(refusal(
                StatusCode::REQUEST_TIMEOUT,
                "too-slow",
                "the request body came too slowly; send it again on a better connection",
            )));
        }
        Err(Unread::TooLarge) => return Ok(closing(too_large())),
        Err(Unread::Broken) => {
            return Ok(closing(refusal(
                StatusCode::BAD_REQUEST,
                "broken-body",
                "the request body was cut off or malformed; send it again",
            )))
        }
    };
    let filing =
        match tokio::time::timeout(shared.slot_wait, Arc::clone(&shared.filing).acquire_owned())
            .await
        {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) => return Ok(stopping()),
            Err(_) => {
                shared.counts.busy.fetch_add(1, Ordering::Relaxed);
                return Ok(busy());
            }
        };
    shared.counts.handled.fetch_add(1, Ordering::Relaxed);
    let worker = Arc::clone(&shared);
    // The permits go with the work: if the client goes away meanwhile, the intake still
    // finishes, and nothing else starts on it before.
    let outcome = tokio::task::spawn_blocking(move || {
        let _permits = (filing, memory);
        // A panic in an earlier request poisoned the lock; what it guards is the intake,
        // whose own storage is transactional, so the next request goes on with it.
        let mut intake = worker.intake.lock().unwrap_or_else(PoisonError::into_inner);
        catch_unwind(AssertUnwindSafe(|| match part {
            1 => intake.receive(&bytes),
            part => intake.receive_part(&bytes, part),
        }))
    })
    .await;
    Ok(match outcome {
        Ok(Ok(Ok(Received::Answered(answer)))) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, candor_bundle::BUNDLE_MEDIA_TYPE)
            .body(Full::new(Bytes::from(answer)))
            .unwrap_or_else(|_| internal()),
        Ok(Ok(Ok(Received::AnswerPart { answer, of }))) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, candor_bundle::BUNDLE_MEDIA_TYPE)
            .header(super::ANSWER_PARTS_HEADER, of)
            .body(Full::new(Bytes::from(answer)))
            .unwrap_or_else(|_| internal()),
        Ok(Ok(Ok(Received::Filed(summary)))) => json(StatusCode::CREATED, &summary),
        Ok(Ok(Err(Refused {
            code,
            message,
            retry_after: Some(seconds),
        }))) => come_back(StatusCode::TOO_MANY_REQUESTS, &code, &message, seconds),
        Ok(Ok(Err(refused))) => refusal(StatusCode::BAD_REQUEST, &refused.code, &refused.message),
        Ok(Err(_)) | Err(_) => {
            shared.counts.failed.fetch_add(1, Ordering::Relaxed);
            internal()
        }
    })
}

/// The part of an answer asked for with `?part=N`: 1 when none is named, `None` when the
/// query names something else.
fn asked_part(query: Option<&str>) -> Option<u32> {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return Some(1);
    };
    let value = query.strip_prefix("part=")?;
    value.parse::<u32>().ok().filter(|part| *part >= 1)
}

/// Reads and drops the body, then gives `answer` (see [`body::discard`]); a body too large
/// or too slow to be worth reading gets the answer at once, on a connection then closed.
async fn after_body(
    shared: &Shared,
    body: &mut Incoming,
    declared: Option<usize>,
    answer: Answer,
) -> Answer {
    if declared.is_some_and(|length| length > shared.max_body) {
        return closing(answer);
    }
    match body::discard(body, shared.max_body, shared.pace).await {
        Ok(()) => answer,
        Err(_) => closing(answer),
    }
}

fn json(status: StatusCode, value: &serde_json::Value) -> Answer {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(value.to_string())))
        .unwrap_or_else(|_| internal())
}

/// A refusal with a stable code and a sentence for the sender.
fn refusal(status: StatusCode, code: &str, message: &str) -> Answer {
    json(
        status,
        &serde_json::json!({ "code": code, "error": message }),
    )
}

fn come_back(status: StatusCode, code: &str, message: &str, seconds: u64) -> Answer {
    let mut answer = refusal(status, code, message);
    answer
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    answer
}

fn busy() -> Answer {
    come_back(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "the server is busy; try again after the time in Retry-After",
        BUSY_RETRY_AFTER,
    )
}

fn stopping() -> Answer {
    refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        "stopping",
        "the server is stopping",
    )
}

fn too_large() -> Answer {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        "the request is larger than this server takes",
    )
}

fn internal() -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from_static(
        br#"{"code":"internal","error":"the server failed on this request; try again later"}"#,
    )));
    *answer.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    answer.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    answer
}

/// The answer, on a connection closed after it: the rest of the body is not read.
fn closing(mut answer: Answer) -> Answer {
    answer
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    answer
}

#[cfg(test)]
mod tests {
    use super::asked_part;

    #[test]
    fn a_part_is_asked_for_by_number_from_one() {
        assert_eq!(asked_part(None), Some(1));
        assert_eq!(asked_part(Some("")), Some(1));
        assert_eq!(asked_part(Some("part=3")), Some(3));
        assert_eq!(asked_part(Some("part=0")), None);
        assert_eq!(asked_part(Some("part=x")), None);
        assert_eq!(asked_part(Some("debug=1")), None);
    }
}
