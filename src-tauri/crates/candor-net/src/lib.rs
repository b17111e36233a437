//! Candor's transport: fetching an organisation's key card from its web site, posting
//! bundles and notices to its intake URL, and the intake server an employer runs
//! ([`server`]).
//!
//! Cards are small and public, but the URL is typed by a person and the server is
//! anyone's: HTTPS is required except to this machine (loopback, for testing and local
//! intake servers), the size is capped, and redirects and slow servers are bounded.

#![forbid(unsafe_code)]

pub mod server;

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A key card is never larger than this.
pub const MAX_CARD_BYTES: u64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetError {
    #[error("{url} is not an https:// URL; key cards are fetched over HTTPS only (plain HTTP only to this machine)")]
    NotHttps { url: String },

    #[error("cannot fetch {url}: {reason}; check the address and your connection, or save the card as a file and add that")]
    Unreachable { url: String, reason: String },

    #[error("{url} answered {status}; check the address with the organisation")]
    Status { url: String, status: u16 },

    #[error("{url} sent more than {max} bytes; that is not a key card")]
    TooLarge { url: String, max: u64 },

    #[error("{url} refused the request ({code}): {message}")]
    Refused {
        url: String,
        code: String,
        message: String,
    },

    #[error("{url} answered, but not as a Candor intake does; ask the organisation for its intake address, or send the file another way")]
    NotAnIntake { url: String },

    #[error("{url} refuses requests this large; send the file another way")]
    BodyTooLarge { url: String },

    #[error("{url} stayed too busy to take the request after {attempts} tries; try again later")]
    Busy { url: String, attempts: u32 },

    #[error(
        "{url} redirected to {to}, which is not an https:// address; key cards are fetched \
         over HTTPS only, so it was not followed: ask the organisation for its card's HTTPS \
         address"
    )]
    InsecureRedirect { url: String, to: String },
}

/// Whether `url` may be fetched: HTTPS anywhere, plain HTTP to loopback only.
pub fn check_url(url: &str) -> Result<reqwest::Url, NetError> {
    let not_https = || NetError::NotHttps {
        url: url.to_owned(),
    };
    let parsed = reqwest::Url::parse(url).map_err(|_| not_https())?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback(&parsed) => Ok(parsed),
        _ => Err(not_https()),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

/// How many redirects a card fetch follows.
const MAX_REDIRECTS: usize = 3;

/// Fetches a key card's bytes; the caller verifies them. Redirects are followed only to
/// addresses [`check_url`] allows: a card fetched over HTTPS never continues over plain
/// HTTP.
pub fn fetch_card(url: &str) -> Result<Vec<u8>, NetError> {
    let parsed = check_url(url)?;
    let unreachable = |e: &dyn std::fmt::Display| NetError::Unreachable {
        url: url.to_owned(),
        reason: e.to_string(),
    };
    // Where a refused redirect pointed, for the error: reqwest's own says only "redirect".
    let refused_to = Arc::new(Mutex::new(None::<String>));
    let policy = {
        let refused_to = Arc::clone(&refused_to);
        reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error("too many redirects")
            } else if check_url(attempt.url().as_str()).is_ok() {
                attempt.follow()
            } else {
                let to = attempt.url().to_string();
                if let Ok(mut slot) = refused_to.lock() {
                    *slot = Some(to);
                }
                attempt.error("a redirect to plain HTTP")
            }
        })
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(20))
        .redirect(policy)
        .user_agent(concat!("candor/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| unreachable(&e))?;
    let response = client.get(parsed).send().map_err(|e| {
        let refused = refused_to.lock().ok().and_then(|mut slot| slot.take());
        match refused {
            Some(to) => NetError::InsecureRedirect {
                url: url.to_owned(),
                to,
            },
            None => unreachable(&e),
        }
    })?;
    if !response.status().is_success() {
        return Err(NetError::Status {
            url: url.to_owned(),
            status: response.status().as_u16(),
        });
    }
    let mut bytes = Vec::new();
    response
        .take(MAX_CARD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreachable(&e))?;
    if bytes.len() as u64 > MAX_CARD_BYTES {
        return Err(NetError::TooLarge {
            url: url.to_owned(),
            max: MAX_CARD_BYTES,
        });
    }
    Ok(bytes)
}

/// How many times a post is tried when the server says to come back later (429, or 503
/// with `Retry-After`).
pub const MAX_ATTEMPTS: u32 = 20;

/// Posts `body` (a bundle or a notice) to an intake URL and returns the response body: the
/// signed answer for a notice, a JSON summary for a bundle. A 429, or a 503 that says when
/// to come back, is waited out as its Retry-After says (at most a minute each time) and
/// tried again; that is safe, since bundles and notices are idempotent by id.
pub fn post(url: &str, body: &[u8]) -> Result<Vec<u8>, NetError> {
    let parsed = check_url(url)?;
    let client = intake_client(url)?;
    post_to(&client, url, parsed, body).map(|(bytes, _)| bytes)
}

/// What an intake server said of a bundle it took in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    /// The id of the bundle the server filed: the one posted, or the post went astray.
    pub bundle_id: String,
    /// True when the organisation already held it (a bundle sent twice is filed once).
    pub already_held: bool,
}

/// Posts a bundle to an organisation's intake URL, with the waits and retries of [`post`],
/// and reads the server's summary of what it filed.
pub fn deliver_bundle(url: &str, bundle: &[u8]) -> Result<Filed, NetError> {
    let answer = post(url, bundle)?;
    let not_an_intake = || NetError::NotAnIntake {
        url: url.to_owned(),
    };
    let summary: serde_json::Value =
        serde_json::from_slice(&answer).map_err(|_| not_an_intake())?;
    let bundle_id = summary
        .get("bundleId")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(not_an_intake)?
        .to_owned();
    let already_held = summary
        .get("alreadyHeld")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    Ok(Filed {
        bundle_id,
        already_held,
    })
}

/// The most parts an answer is fetched in.
const MAX_ANSWER_PARTS: u32 = 10_000;

/// Posts a notice and returns every part of its signed answer: one, or, for a large
/// access export, each part the server says there is, asked for as `?part=N` with the
/// same notice (the notice is the proof of who asks).
pub fn post_notice(url: &str, notice: &[u8]) -> Result<Vec<Vec<u8>>, NetError> {
    let parsed = check_url(url)?;
    let client = intake_client(url)?;
    let (first, parts) = post_to(&client, url, parsed.clone(), notice)?;
    let mut answers = vec![first];
    for part in 2..=parts.min(MAX_ANSWER_PARTS) {
        let mut with_part = parsed.clone();
        with_part.set_query(Some(&format!("part={part}")));
        answers.push(post_to(&client, url, with_part, notice)?.0);
    }
    Ok(answers)
}

fn intake_client(url: &str) -> Result<reqwest::blocking::Client, NetError> {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(300))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("candor/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| NetError::Unreachable {
            url: url.to_owned(),
            reason: e.to_string(),
        })
}

/// One post, waited out and tried again while the server says to come back later; the
/// response body and how many parts the answer has (1 unless the server says more).
fn post_to(
    client: &reqwest::blocking::Client,
    url: &str,
    parsed: reqwest::Url,
    body: &[u8],
) -> Result<(Vec<u8>, u32), NetError> {
    let unreachable = |e: &dyn std::fmt::Display| NetError::Unreachable {
        url: url.to_owned(),
        reason: e.to_string(),
    };
    for _ in 0..MAX_ATTEMPTS {
        let response = client
            .post(parsed.clone())
            .header("content-type", candor_bundle::BUNDLE_MEDIA_TYPE)
            .body(body.to_vec())
            .send()
            .map_err(|e| unreachable(&e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let wait = match (status, retry_after) {
            (429, wait) => Some(wait.unwrap_or(Duration::from_secs(1))),
            (503, Some(wait)) => Some(wait),
            _ => None,
        };
        if let Some(wait) = wait {
            std::thread::sleep(wait.min(server::MAX_RETRY_AFTER));
            continue;
        }
        let parts = response
            .headers()
            .get(server::ANSWER_PARTS_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(1);
        let mut bytes = Vec::new();
        response
            .take(1 << 30)
            .read_to_end(&mut bytes)
            .map_err(|e| unreachable(&e))?;
        return match status {
            200..=299 => Ok((bytes, parts)),
            413 => Err(NetError::BodyTooLarge {
                url: url.to_owned(),
            }),
            _ => {
                let refusal: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
                Err(NetError::Refused {
                    url: url.to_owned(),
                    code: refusal["code"].as_str().unwrap_or("unknown").to_owned(),
                    message: refusal["error"]
                        .as_str()
                        .map_or_else(|| format!("status {status}"), str::to_owned),
                })
            }
        };
    }
    Err(NetError::Busy {
        url: url.to_owned(),
        attempts: MAX_ATTEMPTS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpListener;

    /// Serves `body` once on a loopback port; returns the URL.
    fn serve_once(status: &'static str, body: Vec<u8>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
        let port = listener.local_addr().expect("an address").port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        format!("http://127.0.0.1:{port}/card.json")
    }

    /// Answers one request on a loopback port with a redirect to `to`; returns the URL.
    fn redirect_once(to: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
        let port = listener.local_addr().expect("an address").port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let head = format!(
                    "HTTP/1.1 302 Found\r\nlocation: {to}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes());
            }
        });
        format!("http://127.0.0.1:{port}/card.json")
    }

    #[test]
    fn a_redirect_to_plain_http_beyond_this_machine_is_not_followed() {
        let url = redirect_once("http://example.org/card.json");
        let error = fetch_card(&url).expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "{url} redirected to http://example.org/card.json, which is not an https:// \
                 address; key cards are fetched over HTTPS only, so it was not followed: ask \
                 the organisation for its card's HTTPS address"
            )
        );
    }

    #[test]
    fn a_redirect_within_this_machine_is_followed() {
        let card = serve_once("200 OK", b"{\"card\":2}".to_vec());
        let to: &'static str = Box::leak(card.into_boxed_str());
        let url = redirect_once(to);
        assert_eq!(fetch_card(&url).expect("fetches"), b"{\"card\":2}");
    }

    /// Answers one request per connection with each of `answers` in turn (a status line
    /// and headers; no body unless given); returns the URL and how many were asked.
    fn serve_in_turn(answers: Vec<&'static str>) -> (String, std::sync::mpsc::Receiver<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
        let port = listener.local_addr().expect("an address").port();
        let (asked_tx, asked_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for answer in answers {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                // The whole request: its head and the small body, in one read or two.
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.ends_with(b"notice:1") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = asked_tx.send(());
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        (format!("http://127.0.0.1:{port}/intake"), asked_rx)
    }

    #[test]
    fn a_post_told_busy_with_retry_after_waits_and_tries_again() {
        let (url, asked) = serve_in_turn(vec![
            "HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            "HTTP/1.1 200 OK\r\ncontent-length: 8\r\nconnection: close\r\n\r\nanswer:1",
        ]);
        assert_eq!(post(&url, b"notice:1").expect("answered"), b"answer:1");
        assert_eq!(asked.try_iter().count(), 2, "asked twice");
    }

    #[test]
    fn a_post_told_busy_without_retry_after_is_refused() {
        let (url, asked) = serve_in_turn(vec![
            "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        ]);
        assert!(matches!(
            post(&url, b"notice:1"),
            Err(NetError::Refused { code, .. }) if code == "unknown"
        ));
        assert_eq!(asked.try_iter().count(), 1, "asked once");
    }

    #[test]
    fn a_card_is_fetched_from_a_loopback_server() {
        let url = serve_once("200 OK", b"{\"card\":1}".to_vec());
        assert_eq!(fetch_card(&url).expect("fetches"), b"{\"card\":1}");
    }

    #[test]
    fn plain_http_is_refused_beyond_this_machine() {
        let error = fetch_card("http://example.org/card.json").expect_err("refused");
        assert_eq!(
            error.to_string(),
            "http://example.org/card.json is not an https:// URL; key cards are fetched over \
             HTTPS only (plain HTTP only to this machine)"
        );
    }

    #[test]
    fn an_error_status_is_reported_with_its_code() {
        let url = serve_once("404 Not Found", b"nope".to_vec());
        assert!(matches!(
            fetch_card(&url),
            Err(NetError::Status { status: 404, .. })
        ));
    }

    #[test]
    fn an_oversized_answer_is_refused() {
        let url = serve_once("200 OK", vec![b'x'; MAX_CARD_BYTES as usize + 10]);
        assert!(matches!(fetch_card(&url), Err(NetError::TooLarge { .. })));
    }
}
