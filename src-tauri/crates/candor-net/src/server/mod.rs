//! The employer's intake server: candidates POST bundles and notices to `/intake`; each is
//! handed to the [`Intake`] (the employer's vault), one at a time; a notice is answered
//! with the signed answer in the response body.
//!
//! It faces the Internet (behind a TLS proxy), so every resource a client can hold is
//! bounded, and each bound has a setting in [`ServerConfig`]:
//!
//! - **Connections**: at most `max_connections` open; beyond that, new connections wait in
//!   the kernel's queue until one closes. A connection that has not sent a whole request
//!   head within `header_timeout` is closed, idle keep-alive connections included.
//! - **Bodies**: a body over `max_body` bytes is refused with 413 before it is read. A body
//!   is read at a pace (`body_grace`, then at least `min_rate` bytes per second since it
//!   began) or the request is answered 408 and the connection closed.
//! - **Memory**: bodies in hand (being read, waiting or being filed) together hold at most
//!   `max_buffered` bytes, each counted at its declared length from before its first byte.
//!   A request that cannot get its share, or then the intake, within `slot_wait` is
//!   answered 503 with `Retry-After`.
//! - **Rates**: each client address has its own token bucket (`peer_burst`, refilled at
//!   `peer_per_second`) and all share one (`burst`, `per_second`); over either, 429 with
//!   `Retry-After`. Behind a reverse proxy, set `trusted_proxy`: its `X-Forwarded-For`
//!   names the client.
//! - **Failures**: a panic in the intake answers that one request 500 and the next request
//!   is served as usual.
//!
//! Plain HTTP is served only on a loopback address unless `allow_plain_http` is set. The
//! intake's [`Intake::tick`] runs every `tick_every`, between requests. On SIGINT or
//! SIGTERM (or when the `shutdown` future resolves) the server stops accepting
//! connections, closes idle ones, and finishes every request it accepted before it exits.
//!
//! ```no_run
//! use candor_net::server::{serve, Intake, Received, Refused, ServerConfig};
//!
//! struct Echo;
//! impl Intake for Echo {
//!     fn receive(&mut self, body: &[u8]) -> Result<Received, Refused> {
//!         Ok(Received::Answered(body.to_vec()))
//!     }
//! }
//! let counts = serve(ServerConfig::default(), Echo, |addr| println!("on {addr}"), std::future::pending())?;
//! println!("{} handled", counts.handled);
//! # Ok::<(), candor_net::server::ServeError>(())
//! ```

mod body;
mod handle;
mod limits;

use std::net::{IpAddr, SocketAddr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::sync::Semaphore;

use body::Pace;
use limits::RateLimits;

/// What the server does with a body.
pub trait Intake: Send + 'static {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused>;

    /// Part `part` (from 2) of the answer to the notice in `body`, asked for as
    /// `/intake?part=N` after the first answer said it has several
    /// ([`Received::AnswerPart`]). By default an answer has one part.
    fn receive_part(&mut self, body: &[u8], part: u32) -> Result<Received, Refused> {
        if part <= 1 {
            self.receive(body)
        } else {
            Err(Refused::new("no-such-part", "this answer has no such part"))
        }
    }

    /// Called every [`ServerConfig::tick_every`] with the server's clock, between requests
    /// (under the same lock): for housekeeping such as deleting what has expired.
    fn tick(&mut self, now: SystemTime) {
        let _ = now;
    }
}

/// A body that was filed.
#[derive(Debug)]
pub enum Received {
    /// A bundle imported; a short JSON summary for the sender.
    Filed(serde_json::Value),
    /// A notice answered: the signed answer, for the response body.
    Answered(Vec<u8>),
    /// One part of an answer that comes in several (a large access export); the response
    /// says how many in its `Candor-Answer-Parts` header.
    AnswerPart { answer: Vec<u8>, of: u32 },
}

/// The response header that says how many parts an answer has.
pub const ANSWER_PARTS_HEADER: &str = "candor-answer-parts";

/// A body that was refused, with a stable code and a sentence for the sender. Both go to
/// whoever sent the request: no local paths, no internal detail.
#[derive(Debug)]
pub struct Refused {
    pub code: String,
    pub message: String,
    /// Not now, but in this many seconds: answered 429 with `Retry-After` (a quota).
    pub retry_after: Option<u64>,
}

impl Refused {
    /// A refusal for good (400).
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Refused {
        Refused {
            code: code.into(),
            message: message.into(),
            retry_after: None,
        }
    }
}

/// Where the server's time comes from: the system's, or a test's.
pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// The server's limits; [`ServerConfig::default`] gives safe values for each.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Default 127.0.0.1:8450.
    pub listen: SocketAddr,
    /// Largest request body, in bytes. Default 64 MiB.
    pub max_body: usize,
    /// Requests allowed at once from everyone together before 429. Default 20.
    pub burst: u32,
    /// Requests allowed per second from everyone together after the burst. Default 10.
    pub per_second: u32,
    /// Requests allowed at once from one client address. Default 10.
    pub peer_burst: u32,
    /// Requests per second from one client address after its burst. Default 2.
    pub peer_per_second: u32,
    /// The reverse proxy in front of the server: requests from this address are counted
    /// against the client its `X-Forwarded-For` names. Default none.
    pub trusted_proxy: Option<IpAddr>,
    /// Time for a connection to send a whole request head (also how long an idle
    /// keep-alive connection stays open). Default 10 s.
    pub header_timeout: Duration,
    /// Time a body has before `min_rate` applies. Default 10 s.
    pub body_grace: Duration,
    /// Slowest average rate a body may come at, in bytes per second. Default 16 KiB/s.
    pub min_rate: u64,
    /// Longest a request waits for memory for its body or for the intake before 503.
    /// Default 10 s.
    pub slot_wait: Duration,
    /// Connections open at once; more wait to be accepted. Default 256.
    pub max_connections: usize,
    /// Bytes of bodies in hand at once, counted at their declared lengths; at least
    /// `max_body`. Default 128 MiB.
    pub max_buffered: usize,
    /// How often [`Intake::tick`] runs; zero never. Default 60 s.
    pub tick_every: Duration,
    /// The time [`Intake::tick`] is given. Default the system clock.
    pub clock: Arc<dyn Clock>,
    /// Serve plain HTTP on an address other machines can reach. Default false: the server
    /// belongs behind a TLS reverse proxy.
    pub allow_plain_http: bool,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8450)),
            max_body: 64 << 20,
            burst: 20,
            per_second: 10,
            peer_burst: 10,
            peer_per_second: 2,
            trusted_proxy: None,
            header_timeout: Duration::from_secs(10),
            body_grace: Duration::from_secs(10),
            min_rate: 16 << 10,
            slot_wait: Duration::from_secs(10),
            max_connections: 256,
            max_buffered: 128 << 20,
            tick_every: Duration::from_secs(60),
            clock: Arc::new(SystemClock),
            allow_plain_http: false,
        }
    }
}

/// Why the server did not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// Plain HTTP on an address other machines can reach, without `allow_plain_http`.
    #[error(
        "{listen} can be reached from other machines, and this server speaks plain HTTP, \
         which anyone on the way can read and alter; listen on a loopback address behind a \
         TLS reverse proxy, or allow plain HTTP explicitly"
    )]
    PlainHttpBeyondLoopback { listen: SocketAddr },

    #[error("cannot listen on {listen}: {source}")]
    Listen {
        listen: SocketAddr,
        #[source]
        source: std::io::Error,
    },

    #[error("the intake server could not start: {0}")]
    Start(#[source] std::io::Error),
}

/// What the server did, reported when it stops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Requests handed to the intake (filed, answered or refused by it).
    pub handled: u64,
    /// Requests told to come back later because of the rate limits (429).
    pub rate_limited: u64,
    /// Requests told to come back later because the server was busy (503).
    pub busy: u64,
    /// Connections cut for sending their request head or body too slowly.
    pub timed_out: u64,
    /// Requests on which the intake failed (500).
    pub failed: u64,
}

#[derive(Default)]
struct Tally {
    handled: AtomicU64,
    rate_limited: AtomicU64,
    busy: AtomicU64,
    timed_out: AtomicU64,
    failed: AtomicU64,
}

impl Tally {
    fn counts(&self) -> Counts {
        Counts {
            handled: self.handled.load(Ordering::Relaxed),
            rate_limited: self.rate_limited.load(Ordering::Relaxed),
            busy: self.busy.load(Ordering::Relaxed),
            timed_out: self.timed_out.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
        }
    }
}

struct Shared {
    intake: Mutex<Box<dyn Intake>>,
    /// The intake takes one request (or tick) at a time; waiting for it is bounded.
    filing: Arc<Semaphore>,
    /// Bytes of bodies in hand.
    memory: Arc<Semaphore>,
    limits: Mutex<RateLimits>,
    trusted_proxy: Option<IpAddr>,
    max_body: usize,
    max_buffered: usize,
    slot_wait: Duration,
    pace: Pace,
    counts: Tally,
}

/// Binds, says where it listens through `bound`, and serves until `shutdown` resolves
/// (or SIGINT/SIGTERM), finishing the requests it accepted; then says what it did.
pub fn serve(
    config: ServerConfig,
    intake: impl Intake,
    bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Counts, ServeError> {
    if !config.allow_plain_http && !config.listen.ip().to_canonical().is_loopback() {
        return Err(ServeError::PlainHttpBeyondLoopback {
            listen: config.listen,
        });
    }
    // The intake takes one request at a time; a few threads are plenty, and bound memory.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .map_err(ServeError::Start)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| ServeError::Listen {
                listen: config.listen,
                source,
            })?;
        bound(listener.local_addr().map_err(ServeError::Start)?);
        let max_buffered = config
            .max_buffered
            .max(config.max_body)
            .clamp(1, Semaphore::MAX_PERMITS);
        let shared = Arc::new(Shared {
            intake: Mutex::new(Box::new(intake)),
            filing: Arc::new(Semaphore::new(1)),
            memory: Arc::new(Semaphore::new(max_buffered)),
            limits: Mutex::new(RateLimits::new(
                config.burst,
                config.per_second,
                config.peer_burst,
                config.peer_per_second,
            )),
            trusted_proxy: config.trusted_proxy,
            max_body: config.max_body,
            max_buffered,
            slot_wait: config.slot_wait,
            pace: Pace {
                grace: config.body_grace,
                min_rate: config.min_rate,
            },
            counts: Tally::default(),
        });
        let ticker = tokio::spawn(tick(
            Arc::clone(&shared),
            config.tick_every,
            Arc::clone(&config.clock),
        ));
        accept(
            &listener,
            &shared,
            &config,
            Box::pin(async move {
                tokio::select! {
                    () = shutdown => {}
                    () = signalled() => {}
                }
            }),
        )
        .await;
        ticker.abort();
        Ok(shared.counts.counts())
    })
}

/// Accepts connections until `stop`, at most `max_connections` open at once, then lets
/// every connection finish what it has begun.
async fn accept(
    listener: &tokio::net::TcpListener,
    shared: &Arc<Shared>,
    config: &ServerConfig,
    mut stop: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    let open = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    loop {
        let slot = tokio::select! {
            () = &mut stop => break,
            slot = Arc::clone(&open).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => {
                    // Out of file descriptors, or a connection reset before it was
                    // accepted: wait a moment rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let for_requests = Arc::clone(shared);
        let service =
            service_fn(move |request| handle::handle(Arc::clone(&for_requests), peer, request));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        let counts = Arc::clone(shared);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                if error.is_timeout() {
                    counts.counts.timed_out.fetch_add(1, Ordering::Relaxed);
                }
            }
            drop(slot);
        });
    }
    graceful.shutdown().await;
}

/// Runs the intake's tick every `every`, each in turn with requests.
async fn tick(shared: Arc<Shared>, every: Duration, clock: Arc<dyn Clock>) {
    if every.is_zero() {
        return;
    }
    let mut timer = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        timer.tick().await;
        let Ok(turn) = Arc::clone(&shared.filing).acquire_owned().await else {
            return;
        };
        let worker = Arc::clone(&shared);
        let clock = Arc::clone(&clock);
        let _ = tokio::task::spawn_blocking(move || {
            let _turn = turn;
            let mut intake = worker.intake.lock().unwrap_or_else(PoisonError::into_inner);
            let now = clock.now();
            // A failing tick is the intake's to report; the next one runs as usual.
            let _ = catch_unwind(AssertUnwindSafe(|| intake.tick(now)));
        })
        .await;
    }
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

/// How long a client waits at most for one Retry-After.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
