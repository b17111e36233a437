//! The employer's intake server: candidates POST bundles and notices to `/intake`; each is
//! handed to the [`Intake`] (the employer's vault), one at a time; a notice is answered
//! with the signed answer in the response body.
//!
//! Limits: a request body over `max_body` bytes is refused with 413 before it is read
//! whole; more than `burst` requests at once, refilled at `per_second`, get 429 with
//! `Retry-After`. On SIGINT or SIGTERM the server stops accepting connections and finishes
//! every request it accepted before it exits.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

/// What the server does with a body.
pub trait Intake: Send + 'static {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused>;
}

/// A body that was filed.
#[derive(Debug)]
pub enum Received {
    /// A bundle imported; a short JSON summary for the sender.
    Filed(serde_json::Value),
    /// A notice answered: the signed answer, for the response body.
    Answered(Vec<u8>),
}

/// A body that was refused, with a stable code and a sentence for the sender.
#[derive(Debug)]
pub struct Refused {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub max_body: usize,
    /// Requests allowed at once before 429.
    pub burst: u32,
    /// Requests allowed per second after the burst.
    pub per_second: u32,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8450)),
            max_body: 64 << 20,
            burst: 20,
            per_second: 10,
        }
    }
}

/// A token bucket shared by every client: the intake is one vault, and loopback callers
/// all have one address anyway.
struct Bucket {
    tokens: f64,
    last: Instant,
    burst: f64,
    per_second: f64,
}

impl Bucket {
    /// Takes a token, or says how many whole seconds until one is there.
    fn take(&mut self) -> Result<(), u64> {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - self.tokens) / self.per_second.max(0.001);
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

struct Shared {
    intake: Mutex<Box<dyn Intake>>,
    /// Bodies being read or filed at once: the rest wait unread, so memory stays bounded.
    working: tokio::sync::Semaphore,
    max_body: usize,
    bucket: Mutex<Bucket>,
    counts: Mutex<Counts>,
}

/// What the server did, reported when it stops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Requests handed to the intake (filed, answered or refused by it).
    pub handled: u64,
    /// Requests told to come back later (429).
    pub rate_limited: u64,
}

/// Binds, says where it listens through `bound`, and serves until `shutdown` resolves
/// (or SIGINT/SIGTERM), finishing the requests it accepted; then says what it did.
pub fn serve(
    config: ServerConfig,
    intake: impl Intake,
    bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<Counts> {
    // The intake takes one request at a time; a few threads are plenty, and bound memory.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen).await?;
        bound(listener.local_addr()?);
        let shared = Arc::new(Shared {
            intake: Mutex::new(Box::new(intake)),
            working: tokio::sync::Semaphore::new(WORKING),
            max_body: config.max_body,
            bucket: Mutex::new(Bucket {
                tokens: f64::from(config.burst),
                last: Instant::now(),
                burst: f64::from(config.burst.max(1)),
                per_second: f64::from(config.per_second.max(1)),
            }),
            counts: Mutex::new(Counts::default()),
        });
        let report = Arc::clone(&shared);
        let app = Router::new()
            .route("/intake", post(receive))
            // The body is read by the handler, after the rate limit, within `max_body`.
            .layer(DefaultBodyLimit::disable())
            .with_state(shared);
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                tokio::select! {
                    () = shutdown => {}
                    () = signalled() => {}
                }
            })
            .await?;
        let counts = report.counts.lock().map(|c| *c).unwrap_or_default();
        Ok(counts)
    })
}

async fn signalled() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// How many requests are read and filed at once. The intake takes one at a time; one
/// more can be read meanwhile.
const WORKING: usize = 2;

async fn receive(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let limited = shared
        .bucket
        .lock()
        .map_or(Ok(()), |mut bucket| bucket.take());
    if let Ok(mut counts) = shared.counts.lock() {
        match limited {
            Ok(()) => counts.handled += 1,
            Err(_) => counts.rate_limited += 1,
        }
    }
    if let Err(seconds) = limited {
        let mut response = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "too many requests; try again after the time in Retry-After",
        );
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    // Refuse a declared length over the limit before reading anything.
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > shared.max_body) {
        return too_large();
    }
    let Ok(_permit) = shared.working.acquire().await else {
        return refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "stopping",
            "the server is stopping",
        );
    };
    let body = match axum::body::to_bytes(request.into_body(), shared.max_body).await {
        Ok(body) => body,
        Err(_) => return too_large(),
    };
    let worker = Arc::clone(&shared);
    let outcome = tokio::task::spawn_blocking(move || match worker.intake.lock() {
        Ok(mut intake) => intake.receive(&body),
        Err(_) => Err(Refused {
            code: "internal".into(),
            message: "the intake failed earlier; restart the server".into(),
        }),
    })
    .await;
    match outcome {
        Ok(Ok(Received::Answered(answer))) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/octet-stream")],
            answer,
        )
            .into_response(),
        Ok(Ok(Received::Filed(summary))) => {
            (StatusCode::CREATED, axum_json(&summary)).into_response()
        }
        Ok(Err(refused)) => refusal(StatusCode::BAD_REQUEST, &refused.code, &refused.message),
        Err(_) => refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the intake stopped while filing the request",
        ),
    }
}

fn axum_json(value: &serde_json::Value) -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
}

fn too_large() -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        "the request is larger than this server takes",
    )
}

fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "code": code, "error": message });
    (status, axum_json(&body)).into_response()
}

/// How long a client waits at most for one Retry-After.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
