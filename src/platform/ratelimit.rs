//! Rate limits on what an attacker or a stampede would hammer (logins per client address,
//! bookings per user: the contexts that own them say which), answered 429 `rate_limited`
//! with `Retry-After`. The buckets are governor's GCRA (a token bucket that refills
//! continuously), kept in memory: each replica limits on its own, so with N replicas a client
//! gets at most N times the limit.
//!
//! The client address is the peer of the connection, unless the service sits behind proxies
//! that say whom they forward for: with `TRUSTED_PROXY_HOPS = n`, it is the n-th address
//! from the right of `X-Forwarded-For` (each proxy appends the address it received the
//! request from, so the entries left of the trusted ones are the client's to forge). An IPv6
//! client is counted per /64 ([`bucket_of`]).

use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use poem::Request;
use poem::http::StatusCode;

use super::problem::{ApiError, Problem};

/// A limit of so many requests a minute per key (a client address, a user id), all of them
/// at once at most (the burst); or no limit at all.
pub struct KeyedLimit<K: Hash + Eq + Clone>(Option<DefaultKeyedRateLimiter<K>>);

impl<K: Hash + Eq + Clone> KeyedLimit<K> {
    /// `per_minute` requests a minute per key; 0: no limit.
    pub fn per_minute(per_minute: u32) -> Self {
        KeyedLimit(NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))))
    }

    /// Counts a request of `key`.
    ///
    /// Errors: 429 `rate_limited`, with `Retry-After` the whole seconds until one more
    /// request of `key` is allowed.
    pub fn check(&self, key: &K) -> Result<(), ApiError> {
        self.check_saying(
            key,
            "too many requests from this client; retry after the time Retry-After gives",
        )
    }

    /// [`Self::check`], with `detail` as the problem's detail.
    pub fn check_saying(&self, key: &K, detail: &'static str) -> Result<(), ApiError> {
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            // Whole seconds, rounded up: retrying earlier would be refused again.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            ApiError::Problem(
                Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", detail)
                    .retry_after(seconds.clamp(1, u64::from(u32::MAX)) as u32),
            )
        })
    }

    /// Forgets keys whose buckets are full again, so memory follows the active clients (run
    /// by the housekeeping job).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.0 {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// How the service tells who a client is: the connection's peer, or behind trusted proxies
/// an entry of `X-Forwarded-For`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientAddresses {
    /// How many proxies in front of the service append to `X-Forwarded-For`; 0: none, use
    /// the connection's peer address.
    pub trusted_proxy_hops: usize,
}

impl ClientAddresses {
    /// The key the request's client is counted under: its address ([`Self::address_of`]) as
    /// [`bucket_of`] groups it.
    pub fn of(&self, req: &Request) -> IpAddr {
        bucket_of(self.address_of(req))
    }

    /// The client's address: the peer, or with trusted proxies the `X-Forwarded-For` entry
    /// the nearest untrusted hop is known by. The header is not trusted (the peer is used)
    /// when it has fewer entries than trusted hops, or when that entry or one right of it
    /// (written by a trusted proxy) is not an address: dropping such an entry before
    /// counting would make an entry the client wrote look like the client. Unknown (a test
    /// client, a Unix socket): the unspecified address, one bucket for all such clients.
    pub fn address_of(&self, req: &Request) -> IpAddr {
        let peer = req.remote_addr().as_socket_addr().map(|addr| addr.ip());
        let forwarded = (self.trusted_proxy_hops > 0)
            .then(|| forwarded_client(req, self.trusted_proxy_hops))
            .flatten();
        forwarded
            .or(peer)
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }
}

/// The `X-Forwarded-For` entry `hops` from the right, when it and every entry right of it
/// are addresses (`192.0.2.1`, `2001:db8::1`, or with a port, `192.0.2.1:443`,
/// `[2001:db8::1]:443`).
fn forwarded_client(req: &Request, hops: usize) -> Option<IpAddr> {
    let mut entries = Vec::new();
    for value in req.headers().get_all("x-forwarded-for") {
        entries.extend(value.to_str().ok()?.split(',').map(str::trim));
    }
    let first_trusted = entries.len().checked_sub(hops)?;
    let mut trusted = entries[first_trusted..].iter().map(|entry| {
        entry
            .parse::<IpAddr>()
            .ok()
            .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
    });
    let client = trusted.next()??;
    trusted.all(|entry| entry.is_some()).then_some(client)
}

/// The key an address is counted under: an IPv4 address itself (an IPv4-mapped IPv6
/// address as IPv4), an IPv6 address its /64, the smallest block one subscriber is given
/// (RFC 6177): keyed per address, one host would have 2^64 buckets.
pub fn bucket_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(
                u128::from(v6) & 0xffff_ffff_ffff_ffff_0000_0000_0000_0000,
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(forwarded_for: Option<&str>) -> Request {
        let mut builder = Request::builder();
        if let Some(value) = forwarded_for {
            builder = builder.header("x-forwarded-for", value);
        }
        builder.finish()
    }

    fn behind(hops: usize) -> ClientAddresses {
        ClientAddresses {
            trusted_proxy_hops: hops,
        }
    }

    #[test]
    fn forwarded_for_counts_only_behind_trusted_proxies() {
        let forged = request(Some("1.2.3.4, 10.0.0.7"));
        let unknown = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert_eq!(behind(0).of(&forged), unknown, "not trusted");
        assert_eq!(behind(1).of(&forged), "10.0.0.7".parse::<IpAddr>().unwrap());
        assert_eq!(behind(2).of(&forged), "1.2.3.4".parse::<IpAddr>().unwrap());
        assert_eq!(behind(3).of(&forged), unknown, "fewer entries than hops");
    }

    #[test]
    fn an_unparseable_trusted_entry_makes_the_header_untrusted() {
        let unknown = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        // The proxy's entry is garbage: dropping it would make the client's forged
        // 6.6.6.6 the client.
        let garbage = request(Some("6.6.6.6, 1.2.3.4, not-an-address"));
        assert_eq!(behind(1).of(&garbage), unknown);
        assert_eq!(behind(2).of(&garbage), unknown);
        // Garbage the client wrote left of the trusted entries changes nothing.
        let forged = request(Some("not-an-address, 1.2.3.4"));
        assert_eq!(behind(1).of(&forged), "1.2.3.4".parse::<IpAddr>().unwrap());
        // Entries with ports, as some load balancers write them.
        let ported = request(Some("1.2.3.4:5678, [2001:db8::1]:443"));
        assert_eq!(behind(2).of(&ported), "1.2.3.4".parse::<IpAddr>().unwrap());
        assert_eq!(
            behind(1).of(&ported),
            "2001:db8::".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        let key = |ip: &str| bucket_of(ip.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff:1:2:3"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.7"), key("192.0.2.7"));
        assert_eq!(key("192.0.2.7"), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn a_client_over_its_limit_is_told_when_to_retry_and_others_are_not_held_up() {
        let limit = KeyedLimit::per_minute(2);
        let flooder: IpAddr = "10.0.0.1".parse().unwrap();
        limit.check(&flooder).unwrap();
        limit.check(&flooder).unwrap();
        let problem = limit.check(&flooder).unwrap_err().into_problem();
        assert_eq!(
            (problem.status, problem.code.as_str()),
            (429, "rate_limited")
        );
        let retry = problem.retry_after.unwrap();
        assert!((1..=30).contains(&retry), "{retry}");
        limit.check(&"10.0.0.2".parse().unwrap()).unwrap();
        let unlimited = KeyedLimit::<i64>::per_minute(0);
        for _ in 0..100 {
            unlimited.check(&1).unwrap();
        }
    }
}
