//! The intake server on loopback, with a stand-in intake: limits, rate limiting and the
//! client's retries.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};

use candor_net::server::{serve, Intake, Received, Refused, ServerConfig};
use candor_net::{post, NetError};
use common::{config, start};

#[test]
fn a_notice_gets_its_answer_in_the_response_body() {
    let server = start(config());
    assert_eq!(
        post(&server.url, b"notice:42").expect("answered"),
        b"answer:42"
    );
    let filed = post(&server.url, b"bundle 1").expect("filed");
    assert_eq!(filed, br#"{"filed":8}"#);
}

#[test]
fn an_oversized_post_is_refused_before_the_intake_sees_it() {
    let server = start(config());
    let error = post(&server.url, &vec![b'x'; 4096]).expect_err("refused");
    assert!(matches!(error, NetError::BodyTooLarge { .. }), "{error}");
    assert_eq!(server.seen.load(Ordering::SeqCst), 0);
}

#[test]
fn a_malformed_post_is_refused_with_the_intakes_reason() {
    let server = start(config());
    let error = post(&server.url, b"%PDF-1.7").expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "{} refused the request (not-a-bundle): this is not a Candor bundle",
            server.url
        )
    );
}

#[test]
fn over_the_rate_limit_the_client_waits_and_every_request_gets_through() {
    let server = start(ServerConfig {
        burst: 2,
        per_second: 4,
        ..config()
    });
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let url = server.url.clone();
            std::thread::spawn(move || post(&url, format!("notice:{i}").as_bytes()))
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        let answer = handle.join().expect("a client thread").expect("answered");
        assert_eq!(answer, format!("answer:{i}").as_bytes());
    }
    assert_eq!(
        server.seen.load(Ordering::SeqCst),
        8,
        "none lost, none twice"
    );
}

#[test]
fn the_server_says_when_to_come_back() {
    let server = start(ServerConfig {
        burst: 1,
        per_second: 1,
        ..config()
    });
    let client = reqwest::blocking::Client::new();
    let first = client
        .post(&server.url)
        .body("notice:a")
        .send()
        .expect("sent");
    assert_eq!(first.status().as_u16(), 200);
    let second = client
        .post(&server.url)
        .body("notice:b")
        .send()
        .expect("sent");
    assert_eq!(second.status().as_u16(), 429);
    let retry: u64 = second
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!((1..=2).contains(&retry), "{retry}");
}

/// Holds each request until told to go on, and says when it has one.
struct Gate {
    arrived: mpsc::Sender<()>,
    go: Arc<std::sync::Mutex<mpsc::Receiver<()>>>,
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
fn a_request_in_hand_when_the_server_is_told_to_stop_is_still_answered() {
    let (arrived_tx, arrived_rx) = mpsc::channel();
    let (go_tx, go_rx) = mpsc::channel();
    let (bound_tx, bound_rx) = mpsc::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        serve(
            config(),
            Gate {
                arrived: arrived_tx,
                go: Arc::new(std::sync::Mutex::new(go_rx)),
            },
            move |addr| {
                let _ = bound_tx.send(addr);
            },
            async move {
                let _ = stop_rx.await;
            },
        )
        .expect("the server runs")
    });
    let url = format!("http://{}/intake", bound_rx.recv().expect("binds"));
    let client = std::thread::spawn(move || post(&url, b"notice:last"));
    arrived_rx.recv().expect("the request reached the intake");
    stop_tx.send(()).expect("the server is told to stop");
    go_tx.send(()).expect("the intake goes on");
    assert_eq!(
        client.join().expect("the client").expect("answered"),
        b"notice:last"
    );
    let counts = server.join().expect("the server stops");
    assert_eq!(counts.handled, 1);
}
