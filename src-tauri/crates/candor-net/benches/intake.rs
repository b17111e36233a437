//! The intake server under load on loopback, with and without 50 slow clients held open:
//! valid requests per second and their 99th-percentile latency, and the ratio of the two.
//!
//! `cargo bench -p candor-net --bench intake` (`INTAKE_BENCH_SECS` sets each measurement's
//! length, default 10; `INTAKE_BENCH_ROUNDS` how many of each, interleaved, default 3).
//!
//! - The server runs in this process with a stand-in intake that answers a notice with its
//!   own bytes (the vault is not what is measured), the default timeouts and memory limit,
//!   the rate limits raised out of the way and 1,024 connections allowed.
//! - The load: 16 clients, each on one keep-alive connection, POSTing 4 KiB notices one
//!   after another, as fast as they are answered; a request not answered within 5 s is
//!   counted as unanswered, and the client reconnects.
//! - The slow clients: 25 send a request head a byte every half second and never finish
//!   it; 25 send a head declaring a 1 MB body and then a byte of it every half second. Each
//!   reconnects as soon as the server cuts it, so 50 are open throughout.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use candor_net::server::{serve, Intake, Received, Refused, ServerConfig};

const LOAD_CLIENTS: usize = 16;
const SLOW_CLIENTS: usize = 50;
const BODY: usize = 4096;

struct Echo;

impl Intake for Echo {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused> {
        if body.starts_with(b"notice:") {
            Ok(Received::Answered(body.to_vec()))
        } else {
            Err(Refused::new("not-a-notice", "not a notice"))
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// How long a load client waits for an answer before it counts the request unanswered.
const UNANSWERED: Duration = Duration::from_secs(5);

/// One measurement: requests answered and each one's latency.
struct Run {
    answered: usize,
    /// Requests with no answer within [`UNANSWERED`].
    unanswered: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.answered as f64 / self.seconds
    }

    fn p99(&mut self) -> Duration {
        self.latencies.sort_unstable();
        let index = (self.latencies.len() * 99).div_ceil(100).saturating_sub(1);
        self.latencies.get(index).copied().unwrap_or_default()
    }
}

/// Reads one answer off a keep-alive connection; returns its status.
fn read_answer(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<u16> {
    buf.clear();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(status)
}

/// Runs the load for `length` and gathers what it measured.
fn load(addr: SocketAddr, length: Duration) -> Run {
    let start = Instant::now();
    let until = start + length;
    let clients: Vec<_> = (0..LOAD_CLIENTS)
        .map(|i| {
            std::thread::spawn(move || {
                let mut body = format!("notice:{i}:").into_bytes();
                body.resize(BODY, b'.');
                let request = [
                    format!(
                        "POST /intake HTTP/1.1\r\nhost: bench\r\ncontent-length: {BODY}\r\n\r\n"
                    )
                    .into_bytes(),
                    body,
                ]
                .concat();
                let mut latencies = Vec::new();
                let mut unanswered = 0;
                let mut buf = Vec::new();
                let mut stream = None;
                while Instant::now() < until {
                    let connection = match stream.as_mut() {
                        Some(connection) => connection,
                        None => match TcpStream::connect(addr) {
                            Ok(connection) => {
                                let _ = connection.set_nodelay(true);
                                let _ = connection.set_read_timeout(Some(UNANSWERED));
                                stream.insert(connection)
                            }
                            Err(_) => continue,
                        },
                    };
                    let sent = Instant::now();
                    let status = connection
                        .write_all(&request)
                        .and_then(|()| read_answer(connection, &mut buf));
                    match status {
                        Ok(200) => latencies.push(sent.elapsed()),
                        Ok(status) => panic!("a valid request was answered {status}"),
                        Err(e)
                            if matches!(
                                e.kind(),
                                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                            ) =>
                        {
                            unanswered += 1;
                            stream = None;
                        }
                        // The server closed an idle connection: open another.
                        Err(_) => stream = None,
                    }
                }
                (latencies, unanswered)
            })
        })
        .collect();
    let mut run = Run {
        answered: 0,
        unanswered: 0,
        seconds: 0.0,
        latencies: Vec::new(),
    };
    for client in clients {
        let (latencies, unanswered) = client.join().expect("a load client");
        run.latencies.extend(latencies);
        run.unanswered += unanswered;
    }
    run.answered = run.latencies.len();
    run.seconds = start.elapsed().as_secs_f64();
    run
}

/// Keeps `SLOW_CLIENTS` slow connections open until `stop`; counts how often the server
/// cut one.
fn slow_clients(
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    cut: Arc<AtomicU64>,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..SLOW_CLIENTS)
        .map(|i| {
            let (stop, cut) = (Arc::clone(&stop), Arc::clone(&cut));
            std::thread::spawn(move || {
                let (head, drip): (&[u8], &[u8]) = if i % 2 == 0 {
                    (b"POST /intake HTTP/1.1\r\nhost: bench\r\n", b"x")
                } else {
                    (
                        b"POST /intake HTTP/1.1\r\nhost: bench\r\ncontent-length: 1000000\r\n\r\nnotice:",
                        b".",
                    )
                };
                while !stop.load(Ordering::Relaxed) {
                    let Ok(mut stream) = TcpStream::connect(addr) else {
                        std::thread::sleep(Duration::from_millis(100));
                        continue;
                    };
                    if stream.write_all(head).is_err() {
                        continue;
                    }
                    while !stop.load(Ordering::Relaxed) {
                        std::thread::sleep(Duration::from_millis(500));
                        if stream.write_all(drip).is_err() {
                            cut.fetch_add(1, Ordering::Relaxed);
                            break;
                        }
                    }
                }
            })
        })
        .collect()
}

fn main() {
    let seconds = env_number("INTAKE_BENCH_SECS", 10);
    let rounds = env_number("INTAKE_BENCH_ROUNDS", 3);
    let (bound_tx, bound_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        serve(
            ServerConfig {
                listen: SocketAddr::from(([127, 0, 0, 1], 0)),
                burst: 1_000_000,
                per_second: 1_000_000,
                peer_burst: 1_000_000,
                peer_per_second: 1_000_000,
                max_connections: 1024,
                ..ServerConfig::default()
            },
            Echo,
            move |addr| {
                let _ = bound_tx.send(addr);
            },
            async move {
                let _ = stop_rx.await;
            },
        )
        .expect("the server runs")
    });
    let addr: SocketAddr = bound_rx.recv().expect("the server binds");
    println!(
        "intake server on {addr}: {LOAD_CLIENTS} load clients, {BODY}-byte notices, \
         {seconds} s per measurement, {rounds} rounds"
    );
    // Warm up.
    let _ = load(addr, Duration::from_secs(1));

    let mut plain = Vec::new();
    let mut slowed = Vec::new();
    let cut = Arc::new(AtomicU64::new(0));
    for round in 1..=rounds {
        let mut run = load(addr, Duration::from_secs(seconds));
        let p99 = run.p99();
        println!(
            "round {round} without slow clients: {:.0} requests/s, p99 {:.2} ms, {} unanswered",
            run.per_second(),
            p99.as_secs_f64() * 1e3,
            run.unanswered
        );
        plain.push((run.per_second(), p99));

        let stop = Arc::new(AtomicBool::new(false));
        let slow = slow_clients(addr, Arc::clone(&stop), Arc::clone(&cut));
        // Let them all connect and start dripping.
        std::thread::sleep(Duration::from_secs(2));
        let mut run = load(addr, Duration::from_secs(seconds));
        let p99 = run.p99();
        println!(
            "round {round} with {SLOW_CLIENTS} slow clients: {:.0} requests/s, p99 {:.2} ms, \
             {} unanswered (slow connections cut so far: {})",
            run.per_second(),
            p99.as_secs_f64() * 1e3,
            run.unanswered,
            cut.load(Ordering::Relaxed)
        );
        slowed.push((run.per_second(), p99));
        stop.store(true, Ordering::Relaxed);
        for s in slow {
            let _ = s.join();
        }
    }
    let median = |runs: &mut Vec<(f64, Duration)>| {
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let rate = runs[runs.len() / 2].0;
        let mut p99s: Vec<Duration> = runs.iter().map(|r| r.1).collect();
        p99s.sort_unstable();
        (rate, p99s[p99s.len() / 2])
    };
    let (plain_rate, plain_p99) = median(&mut plain);
    let (slow_rate, slow_p99) = median(&mut slowed);
    println!(
        "median without slow clients: {plain_rate:.0} requests/s, p99 {:.2} ms",
        plain_p99.as_secs_f64() * 1e3
    );
    println!(
        "median with {SLOW_CLIENTS} slow clients: {slow_rate:.0} requests/s, p99 {:.2} ms",
        slow_p99.as_secs_f64() * 1e3
    );
    println!(
        "ratio (with / without): {:.2}x requests/s (target >= 0.80x)",
        slow_rate / plain_rate
    );
    let _ = stop_tx.send(());
    let counts = server.join().expect("the server stops");
    println!("server: {counts:?}");
}
