//! Starting the intake server on loopback in a thread, and talking to it byte by byte.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use candor_net::server::{serve, Counts, Intake, Received, Refused, ServerConfig};

/// Answers "notice:…" with "answer:…", files anything else starting with "bundle", panics
/// on "panic", refuses "quota" for 7 seconds, and the rest for good; counts what it was
/// given.
pub struct Echo(pub Arc<AtomicUsize>);

impl Intake for Echo {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused> {
        self.0.fetch_add(1, Ordering::SeqCst);
        if let Some(rest) = body.strip_prefix(b"notice:") {
            Ok(Received::Answered([b"answer:", rest].concat()))
        } else if body.starts_with(b"bundle") {
            Ok(Received::Filed(serde_json::json!({ "filed": body.len() })))
        } else if body == b"panic" {
            panic!("the intake fails on this body");
        } else if body == b"quota" {
            Err(Refused {
                retry_after: Some(7),
                ..Refused::new("quota", "over the quota; try again later")
            })
        } else {
            Err(Refused::new("not-a-bundle", "this is not a Candor bundle"))
        }
    }
}

/// A server running in a thread; stopped (and waited for) when dropped or by [`stop`].
pub struct Running {
    pub addr: SocketAddr,
    pub url: String,
    pub seen: Arc<AtomicUsize>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Counts>>,
}

impl Running {
    /// Stops the server and returns what it did.
    pub fn stop(mut self) -> Counts {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.thread
            .take()
            .expect("a running server")
            .join()
            .expect("the server stops")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the server with [`Echo`].
pub fn start(config: ServerConfig) -> Running {
    let seen = Arc::new(AtomicUsize::new(0));
    let mut running = start_with(config, Echo(Arc::clone(&seen)));
    running.seen = seen;
    running
}

/// Starts the server with `intake`.
pub fn start_with(config: ServerConfig, intake: impl Intake) -> Running {
    let (bound_tx, bound_rx) = mpsc::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        serve(
            config,
            intake,
            move |addr| {
                let _ = bound_tx.send(addr);
            },
            async move {
                let _ = stop_rx.await;
            },
        )
        .expect("the server runs")
    });
    let addr = bound_rx.recv().expect("the server binds");
    Running {
        addr,
        url: format!("http://{addr}/intake"),
        seen: Arc::new(AtomicUsize::new(0)),
        stop: Some(stop_tx),
        thread: Some(thread),
    }
}

/// The limits of the tests: small bodies, short timeouts, generous rates.
pub fn config() -> ServerConfig {
    ServerConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        max_body: 1024,
        burst: 5,
        per_second: 50,
        peer_burst: 1000,
        peer_per_second: 1000,
        ..ServerConfig::default()
    }
}

/// A connection to `to` from the loopback address `from` (127.0.0.2, .3…: Linux routes all
/// of 127/8 to the loopback interface), so that one machine plays several clients.
pub fn connect_from(from: IpAddr, to: SocketAddr) -> TcpStream {
    let socket = socket2::Socket::new(
        socket2::Domain::IPV4,
        socket2::Type::STREAM,
        Some(socket2::Protocol::TCP),
    )
    .expect("a socket");
    socket
        .bind(&SocketAddr::new(from, 0).into())
        .expect("binds to the loopback address");
    socket.connect(&to.into()).expect("connects");
    let stream = TcpStream::from(socket);
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a read timeout");
    stream
}

/// An answer read off the wire.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    /// A header's value (names compared in lower case).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

/// POSTs `body` to /intake over `stream` with `extra` header lines, and reads the answer;
/// the connection is closed after it.
pub fn post_raw(mut stream: TcpStream, body: &[u8], extra: &[&str]) -> Answer {
    let mut head = format!(
        "POST /intake HTTP/1.1\r\nhost: candor.test\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for line in extra {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("the head is sent");
    stream.write_all(body).expect("the body is sent");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("an answer");
    parse(&answer)
}

pub fn parse(answer: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(answer);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("an HTTP status line in {text:?}"));
    Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// Whether the server has closed `stream`: reads (and drops) what it sends until the end
/// or a reset; false if it is still open after the stream's read timeout.
pub fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return false
            }
            Err(_) => return true,
        }
    }
}
