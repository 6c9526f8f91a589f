//! Rate limits on what an attacker or a stampede would hammer (logins per client address,
//! bookings per user: the contexts that own them say which), answered 429 `rate_limited`
//! with `Retry-After`. The buckets are governor's GCRA (a token bucket that refills
//! continuously), kept in memory: each replica limits on its own, so with N replicas a client
//! gets at most N times the limit.
//!
//! The client address is the peer of the connection, unless the service sits behind proxies
//! that say whom they forward for: with `TRUSTED_PROXY_HOPS = n`, it is the n-th address
//! from the right of `X-Forwarded-For` (each proxy appends the address it received the
//! request from, so the entries left of the trusted ones are the client's to forge).

use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr};
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
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            // Whole seconds, rounded up: retrying earlier would be refused again.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            ApiError::Problem(
                Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    "too many requests from this client; retry after the time Retry-After \
                     gives",
                )
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
    /// The client's address: the peer, or with trusted proxies the `X-Forwarded-For` entry
    /// the nearest untrusted hop is known by. Unknown (a test client, a Unix socket): the
    /// unspecified address, one bucket for all such clients.
    pub fn of(&self, req: &Request) -> IpAddr {
        let peer = req.remote_addr().as_socket_addr().map(|addr| addr.ip());
        if self.trusted_proxy_hops > 0 {
            let forwarded: Vec<IpAddr> = req
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .filter_map(|entry| entry.trim().parse().ok())
                .collect();
            if let Some(ip) = forwarded
                .len()
                .checked_sub(self.trusted_proxy_hops)
                .and_then(|i| forwarded.get(i))
            {
                return *ip;
            }
        }
        peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
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
