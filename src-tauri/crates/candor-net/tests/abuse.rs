//! The intake server under abuse, on loopback with a stand-in intake: slow clients, slow
//! heads, floods from one address, forged `X-Forwarded-For`, a panicking intake, a busy
//! intake, too many connections. The timeouts are the server's own, set short.

mod common;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, SystemTime};

use candor_net::server::{serve, Clock, Intake, Received, Refused, ServeError, ServerConfig};
use candor_net::{post, NetError};
use common::{closed_by_server, config, connect_from, post_raw, start, start_with, Echo};

const CLIENT_A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 2));
const CLIENT_B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 3));
const LOCAL: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

/// Sends a request head declaring `length` bytes, then the body a byte every 200 ms (5
/// bytes a second) until the server closes the connection; returns a reader of it.
fn trickle(to: SocketAddr, length: usize) -> TcpStream {
    let mut stream = connect_from(LOCAL, to);
    let head =
        format!("POST /intake HTTP/1.1\r\nhost: candor.test\r\ncontent-length: {length}\r\n\r\nb");
    stream.write_all(head.as_bytes()).expect("the head is sent");
    let reader = stream.try_clone().expect("a second handle");
    std::thread::spawn(move || {
        for _ in 1..length {
            std::thread::sleep(Duration::from_millis(200));
            if stream.write_all(b"x").is_err() {
                return;
            }
        }
    });
    reader
}

#[test]
fn slow_bodies_are_cut_and_a_valid_request_is_still_answered() {
    // Memory for two bodies of 1,000 bytes: two slow clients hold it, the others queue.
    let server = start(ServerConfig {
        max_body: 1000,
        max_buffered: 2000,
        slot_wait: Duration::from_secs(1),
        body_grace: Duration::from_secs(1),
        min_rate: 100,
        header_timeout: Duration::from_secs(2),
        burst: 1000,
        per_second: 1000,
        ..config()
    });
    let slow: Vec<TcpStream> = (0..9).map(|_| trickle(server.addr, 1000)).collect();
    // Let the slow clients take the memory before the valid request comes.
    std::thread::sleep(Duration::from_millis(300));

    let answer = post(&server.url, b"notice:valid").expect("the valid request is answered");
    assert_eq!(answer, b"answer:valid");

    let cut = slow
        .into_iter()
        .filter(|stream| closed_by_server(&mut stream.try_clone().expect("a handle")))
        .count();
    assert_eq!(cut, 9, "every slow connection is closed by the server");
    let counts = server.stop();
    assert!(
        counts.busy + counts.timed_out >= 9,
        "each slow client was told the server is busy or cut for slowness: {counts:?}"
    );
    assert_eq!(
        counts.handled, 1,
        "only the valid request reached the intake"
    );
}

#[test]
fn a_connection_that_never_finishes_its_head_is_closed_after_the_header_timeout() {
    let server = start(ServerConfig {
        header_timeout: Duration::from_secs(1),
        ..config()
    });
    let mut stream = connect_from(LOCAL, server.addr);
    stream
        .write_all(b"POST /intake HTTP/1.1\r\nhost: candor.test\r\ncontent-le")
        .expect("half a head is sent");
    assert!(closed_by_server(&mut stream), "the connection is closed");
    // An idle keep-alive connection goes the same way.
    let mut idle = connect_from(LOCAL, server.addr);
    assert!(closed_by_server(&mut idle), "the idle connection is closed");
    let counts = server.stop();
    assert!(counts.timed_out >= 2, "{counts:?}");
}

#[test]
fn one_flooding_client_is_limited_while_another_is_served() {
    let server = start(ServerConfig {
        burst: 1000,
        per_second: 1000,
        peer_burst: 2,
        peer_per_second: 1,
        ..config()
    });
    let flood: Vec<_> = (0..6)
        .map(|i| {
            post_raw(
                connect_from(CLIENT_A, server.addr),
                format!("notice:{i}").as_bytes(),
                &[],
            )
        })
        .collect();
    let limited: Vec<_> = flood.iter().filter(|a| a.status == 429).collect();
    assert!(!limited.is_empty(), "the flood is limited: {flood:?}");
    assert!(
        limited.iter().all(|a| a.header("retry-after").is_some()),
        "each 429 says when to come back"
    );
    let other = post_raw(connect_from(CLIENT_B, server.addr), b"notice:b", &[]);
    assert_eq!(other.status, 200, "the other client is served: {other:?}");
    assert_eq!(other.body, "answer:b");
}

#[test]
fn forwarded_for_is_honoured_only_from_the_trusted_proxy() {
    let server = start(ServerConfig {
        burst: 1000,
        per_second: 1000,
        peer_burst: 1,
        peer_per_second: 1,
        trusted_proxy: Some(CLIENT_A),
        ..config()
    });
    let via_proxy = |client: &str| {
        post_raw(
            connect_from(CLIENT_A, server.addr),
            b"notice:p",
            &[&format!("x-forwarded-for: 198.51.100.77, {client}")],
        )
        .status
    };
    assert_eq!(via_proxy("203.0.113.1"), 200);
    assert_eq!(
        via_proxy("203.0.113.1"),
        429,
        "the same client, over its limit"
    );
    assert_eq!(
        via_proxy("203.0.113.2"),
        200,
        "another client behind the same proxy has its own limit"
    );

    let forged = |client: &str| {
        post_raw(
            connect_from(CLIENT_B, server.addr),
            b"notice:f",
            &[&format!("x-forwarded-for: {client}")],
        )
        .status
    };
    assert_eq!(forged("203.0.113.3"), 200);
    assert_eq!(
        forged("203.0.113.4"),
        429,
        "from an untrusted peer the header is ignored: the peer itself is over its limit"
    );
}

#[test]
fn plain_http_beyond_loopback_is_refused_before_binding() {
    let listen = SocketAddr::from(([0, 0, 0, 0], 0));
    let refused = serve(
        ServerConfig { listen, ..config() },
        Echo(Arc::default()),
        |_| panic!("nothing is bound"),
        std::future::ready(()),
    )
    .expect_err("refused");
    assert!(matches!(
        refused,
        ServeError::PlainHttpBeyondLoopback { .. }
    ));
    assert_eq!(
        refused.to_string(),
        "0.0.0.0:0 can be reached from other machines, and this server speaks plain HTTP, \
         which anyone on the way can read and alter; listen on a loopback address behind a \
         TLS reverse proxy, or allow plain HTTP explicitly"
    );

    let allowed = start(ServerConfig {
        listen,
        allow_plain_http: true,
        ..config()
    });
    let url = format!("http://127.0.0.1:{}/intake", allowed.addr.port());
    assert_eq!(post(&url, b"notice:x").expect("served"), b"answer:x");
}

#[test]
fn a_panic_in_one_request_does_not_block_the_next() {
    let server = start(config());
    let failed = post(&server.url, b"panic").expect_err("the panicking request fails");
    assert!(
        matches!(&failed, NetError::Refused { code, .. } if code == "internal"),
        "{failed}"
    );
    assert_eq!(
        failed.to_string(),
        format!(
            "{} refused the request (internal): the server failed on this request; try again later",
            server.url
        )
    );
    for i in 0..3 {
        let body = format!("notice:{i}");
        assert_eq!(
            post(&server.url, body.as_bytes()).expect("the next requests are served"),
            format!("answer:{i}").as_bytes()
        );
    }
    let counts = server.stop();
    assert_eq!((counts.failed, counts.handled), (1, 4), "{counts:?}");
}

#[test]
fn a_refusal_with_a_quota_is_answered_429_with_retry_after() {
    let server = start(config());
    let answer = post_raw(connect_from(LOCAL, server.addr), b"quota", &[]);
    assert_eq!(answer.status, 429, "{answer:?}");
    assert_eq!(answer.header("retry-after").as_deref(), Some("7"));
    assert_eq!(
        answer.body,
        r#"{"code":"quota","error":"over the quota; try again later"}"#
    );
}

/// Holds each request until told to go on, and says when it has one.
struct Gate {
    arrived: mpsc::Sender<()>,
    go: Arc<Mutex<mpsc::Receiver<()>>>,
}

impl Intake for Gate {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused> {
        let _ = self.arrived.send(());
        if let Ok(go) = self.go.lock() {
            let _ = go.recv();
        }
        Ok(Received::Answered(body.to_vec()))
    }
}

#[test]
fn a_busy_intake_says_when_to_come_back_and_the_client_waits_its_turn() {
    let (arrived_tx, arrived_rx) = mpsc::channel();
    let (go_tx, go_rx) = mpsc::channel();
    let server = start_with(
        ServerConfig {
            slot_wait: Duration::from_millis(500),
            ..config()
        },
        Gate {
            arrived: arrived_tx,
            go: Arc::new(Mutex::new(go_rx)),
        },
    );
    let url = server.url.clone();
    let first = std::thread::spawn(move || post(&url, b"first"));
    arrived_rx
        .recv()
        .expect("the first request is in the intake");

    let refused = post_raw(connect_from(LOCAL, server.addr), b"second", &[]);
    assert_eq!(refused.status, 503, "{refused:?}");
    assert_eq!(refused.header("retry-after").as_deref(), Some("1"));
    assert!(refused.body.contains(r#""code":"busy""#), "{refused:?}");

    let url = server.url.clone();
    let third = std::thread::spawn(move || post(&url, b"third"));
    go_tx.send(()).expect("the first goes on");
    assert_eq!(first.join().expect("a client").expect("answered"), b"first");
    arrived_rx
        .recv()
        .expect("the third request reaches the intake");
    go_tx.send(()).expect("the third goes on");
    assert_eq!(third.join().expect("a client").expect("answered"), b"third");
    let counts = server.stop();
    assert_eq!(counts.handled, 2);
    assert!(counts.busy >= 1, "{counts:?}");
}

#[test]
fn connections_over_the_cap_wait_until_one_closes() {
    let server = start(ServerConfig {
        max_connections: 1,
        header_timeout: Duration::from_secs(1),
        ..config()
    });
    // The one connection allowed, sending nothing.
    let mut idle = connect_from(LOCAL, server.addr);
    let answer = post(&server.url, b"notice:waited").expect("answered once the idle one is cut");
    assert_eq!(answer, b"answer:waited");
    assert!(
        closed_by_server(&mut idle),
        "the idle connection was closed"
    );
}

/// A clock a test sets.
#[derive(Debug, Default)]
struct TestClock(AtomicU64);

impl Clock for TestClock {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::SeqCst))
    }
}

/// Reports the time of each tick.
struct Ticks(mpsc::Sender<SystemTime>);

impl Intake for Ticks {
    fn receive(&mut self, _: &[u8]) -> Result<Received, Refused> {
        Err(Refused::new("no", "no"))
    }

    fn tick(&mut self, now: SystemTime) {
        let _ = self.0.send(now);
    }
}

#[test]
fn the_intake_ticks_with_the_servers_clock() {
    let clock = Arc::new(TestClock::default());
    clock.0.store(1_000, Ordering::SeqCst);
    let (ticks_tx, ticks_rx) = mpsc::channel();
    let server = start_with(
        ServerConfig {
            tick_every: Duration::from_millis(50),
            clock: clock.clone(),
            ..config()
        },
        Ticks(ticks_tx),
    );
    let at = |secs| SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    assert_eq!(ticks_rx.recv().expect("a tick"), at(1_000));
    clock.0.store(90_000, Ordering::SeqCst);
    let later = ticks_rx
        .iter()
        .find(|now| *now != at(1_000))
        .expect("a later tick");
    assert_eq!(later, at(90_000), "the tick is given the clock's time");
    drop(server);
}
