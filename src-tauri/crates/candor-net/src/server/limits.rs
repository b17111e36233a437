//! Rate limits: one token bucket for the whole server (the intake is one vault), and one
//! per client address, so that one client over its share is told to wait while the others
//! are still served.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::time::Instant;

use hyper::header::HeaderMap;

/// How many client addresses the server remembers at most. Idle ones (whose bucket has
/// filled up again, so forgetting them changes nothing) are dropped first.
pub(super) const MAX_PEERS: usize = 4096;

/// A token bucket: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone)]
struct Bucket {
    tokens: f64,
    last: Instant,
    burst: f64,
    per_second: f64,
}

impl Bucket {
    fn full(burst: u32, per_second: u32, now: Instant) -> Bucket {
        let burst = f64::from(burst.max(1));
        Bucket {
            tokens: burst,
            last: now,
            burst,
            per_second: f64::from(per_second.max(1)),
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
    }

    /// Takes a token, or says how many whole seconds until one is there.
    fn take(&mut self, now: Instant) -> Result<(), u64> {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(self.wait_for_one())
        }
    }

    fn wait_for_one(&self) -> u64 {
        let wait = (1.0 - self.tokens) / self.per_second;
        // Whole seconds, at least one: what Retry-After can say.
        wait.ceil().max(1.0) as u64
    }

    /// Whether the bucket would be full by `now`: forgetting it changes nothing.
    fn idle(&self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens + elapsed * self.per_second >= self.burst
    }
}

/// The global bucket and one bucket per client.
pub(super) struct RateLimits {
    global: Bucket,
    peers: HashMap<IpAddr, Bucket>,
    peer_burst: u32,
    peer_per_second: u32,
}

impl RateLimits {
    pub(super) fn new(burst: u32, per_second: u32, peer_burst: u32, peer_per_second: u32) -> Self {
        let now = Instant::now();
        RateLimits {
            global: Bucket::full(burst, per_second, now),
            peers: HashMap::new(),
            peer_burst,
            peer_per_second,
        }
    }

    /// Takes a token from `client`'s bucket and then from the global one, or says how many
    /// seconds to wait.
    pub(super) fn take(&mut self, client: IpAddr) -> Result<(), u64> {
        let now = Instant::now();
        let key = peer_key(client);
        if !self.peers.contains_key(&key) && self.peers.len() >= MAX_PEERS {
            self.forget_one(now);
        }
        let (burst, rate) = (self.peer_burst, self.peer_per_second);
        self.peers
            .entry(key)
            .or_insert_with(|| Bucket::full(burst, rate, now))
            .take(now)?;
        self.global.take(now)
    }

    /// Makes room for one more client: drops every idle client, or if none is idle, the
    /// one seen longest ago.
    fn forget_one(&mut self, now: Instant) {
        self.peers.retain(|_, bucket| !bucket.idle(now));
        if self.peers.len() >= MAX_PEERS {
            let oldest = self
                .peers
                .iter()
                .min_by_key(|(_, bucket)| bucket.last)
                .map(|(key, _)| *key);
            if let Some(oldest) = oldest {
                self.peers.remove(&oldest);
            }
        }
    }

    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.peers.len()
    }
}

/// The address a client's limit is kept under: an IPv4 address (IPv4-mapped IPv6 ones
/// included) as it is, an IPv6 address by its /64, the smallest network one subscriber
/// is usually given, so that one client cannot take a new limit per address.
pub(super) fn peer_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

/// Who the client is: the TCP peer, or, when the peer is the trusted reverse proxy, the
/// last address in its `X-Forwarded-For` (the one the proxy itself appended; any before it
/// came from the client and prove nothing). From anyone else the header is ignored.
pub(super) fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: Option<IpAddr>) -> IpAddr {
    let from_proxy = trusted.is_some_and(|proxy| proxy.to_canonical() == peer.to_canonical());
    if !from_proxy {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .and_then(|last| last.trim().parse::<IpAddr>().ok())
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                "x-forwarded-for",
                HeaderValue::from_str(value).expect("a header value"),
            );
        }
        headers
    }

    #[test]
    fn a_client_over_its_share_waits_while_another_is_served() {
        let mut limits = RateLimits::new(100, 100, 2, 1);
        assert!(limits.take(ip("10.0.0.1")).is_ok());
        assert!(limits.take(ip("10.0.0.1")).is_ok());
        assert_eq!(limits.take(ip("10.0.0.1")), Err(1));
        assert!(limits.take(ip("10.0.0.2")).is_ok());
    }

    #[test]
    fn the_global_limit_holds_whoever_asks() {
        let mut limits = RateLimits::new(2, 1, 100, 100);
        assert!(limits.take(ip("10.0.0.1")).is_ok());
        assert!(limits.take(ip("10.0.0.2")).is_ok());
        assert!(limits.take(ip("10.0.0.3")).is_err());
    }

    #[test]
    fn the_clients_remembered_stay_bounded() {
        let mut limits = RateLimits::new(u32::MAX, u32::MAX, 1, 1);
        for i in 0..(MAX_PEERS as u32 + 100) {
            let _ = limits.take(IpAddr::from((i + 1).to_be_bytes()));
        }
        assert!(limits.remembered() <= MAX_PEERS);
    }

    #[test]
    fn ipv6_clients_share_a_limit_per_64() {
        assert_eq!(
            peer_key(ip("2001:db8:1:2:aaaa::1")),
            peer_key(ip("2001:db8:1:2:bbbb::2"))
        );
        assert_ne!(
            peer_key(ip("2001:db8:1:2::1")),
            peer_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(peer_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
    }

    #[test]
    fn forwarded_for_counts_only_from_the_trusted_proxy() {
        let proxy = ip("127.0.0.1");
        let headers = forwarded(&["198.51.100.9, 203.0.113.5"]);
        assert_eq!(
            client_address(proxy, &headers, Some(proxy)),
            ip("203.0.113.5"),
            "the entry the proxy appended"
        );
        assert_eq!(
            client_address(ip("192.0.2.1"), &headers, Some(proxy)),
            ip("192.0.2.1"),
            "ignored from anyone else"
        );
        assert_eq!(client_address(proxy, &headers, None), proxy);
        assert_eq!(
            client_address(proxy, &forwarded(&["1.1.1.1", "203.0.113.6"]), Some(proxy)),
            ip("203.0.113.6"),
            "the last of several headers"
        );
        assert_eq!(
            client_address(proxy, &forwarded(&["not an address"]), Some(proxy)),
            proxy,
            "an unreadable header leaves the proxy's own address"
        );
    }
}
