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

    #[error("{url} refuses requests this large; send the file another way")]
    BodyTooLarge { url: String },

    #[error("{url} stayed too busy to take the request after {attempts} tries; try again later")]
    Busy { url: String, attempts: u32 },
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

/// Fetches a key card's bytes; the caller verifies them.
pub fn fetch_card(url: &str) -> Result<Vec<u8>, NetError> {
    let parsed = check_url(url)?;
    let unreachable = |e: &dyn std::fmt::Display| NetError::Unreachable {
        url: url.to_owned(),
        reason: e.to_string(),
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::limited(3))
        .user_agent(concat!("candor/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| unreachable(&e))?;
    let response = client.get(parsed).send().map_err(|e| unreachable(&e))?;
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

/// How many times a post is tried when the server says it is busy (429).
pub const MAX_ATTEMPTS: u32 = 20;

/// Posts `body` (a bundle or a notice) to an intake URL and returns the response body: the
/// signed answer for a notice, a JSON summary for a bundle. A 429 is waited out as its
/// Retry-After says and tried again; that is safe, since notices are idempotent by id.
pub fn post(url: &str, body: &[u8]) -> Result<Vec<u8>, NetError> {
    let parsed = check_url(url)?;
    let unreachable = |e: &dyn std::fmt::Display| NetError::Unreachable {
        url: url.to_owned(),
        reason: e.to_string(),
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(300))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("candor/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| unreachable(&e))?;
    for _ in 0..MAX_ATTEMPTS {
        let response = client
            .post(parsed.clone())
            .header("content-type", "application/octet-stream")
            .body(body.to_vec())
            .send()
            .map_err(|e| unreachable(&e))?;
        let status = response.status().as_u16();
        if status == 429 {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map_or(Duration::from_secs(1), Duration::from_secs)
                .min(server::MAX_RETRY_AFTER);
            std::thread::sleep(wait);
            continue;
        }
        let mut bytes = Vec::new();
        response
            .take(1 << 30)
            .read_to_end(&mut bytes)
            .map_err(|e| unreachable(&e))?;
        return match status {
            200..=299 => Ok(bytes),
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
