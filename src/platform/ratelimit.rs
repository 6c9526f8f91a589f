//! Per-client rate limits on the operations an attacker or a stampede would hammer: login,
//! registration and refresh per client address, booking per user. Answered 429
//! `rate_limited` with `Retry-After`. The buckets are governor's GCRA (a token bucket that
//! refills continuously), kept in memory: each replica limits on its own, so with N replicas
//! a client gets at most N times the limit.
//!
//! The client address is the peer of the connection, unless the service sits behind proxies
//! that say whom they forward for: with `TRUSTED_PROXY_HOPS = n`, it is the n-th address
//! from the right of `X-Forwarded-For` (each proxy appends the address it received the
//! request from, so the entries left of the trusted ones are the client's to forge).

use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use poem::Request;
use poem::http::StatusCode;

use super::problem::{ApiError, Problem};

/// What the limits are, from the settings.
#[derive(Debug, Clone, Copy)]
pub struct RateLimitSettings {
    /// Logins, registrations and token refreshes per minute per client address; 0: no limit.
    pub auth_per_minute: u32,
    /// Booking attempts per minute per user; 0: no limit.
    pub bookings_per_minute: u32,
    /// How many proxies in front of the service append to `X-Forwarded-For`; 0: none, use
    /// the connection's peer address.
    pub trusted_proxy_hops: usize,
}

/// The limiters of one process.
pub struct RateLimits {
    auth: Option<DefaultKeyedRateLimiter<IpAddr>>,
    bookings: Option<DefaultKeyedRateLimiter<i64>>,
    trusted_proxy_hops: usize,
}

/// A limiter allowing `per_minute` a minute, all of them at once at most (the burst).
fn per_minute<K: std::hash::Hash + Eq + Clone>(
    per_minute: u32,
) -> Option<DefaultKeyedRateLimiter<K>> {
    NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n)))
}

impl RateLimits {
    /// Limiters as `settings` say.
    pub fn new(settings: RateLimitSettings) -> Self {
        RateLimits {
            auth: per_minute(settings.auth_per_minute),
            bookings: per_minute(settings.bookings_per_minute),
            trusted_proxy_hops: settings.trusted_proxy_hops,
        }
    }

    /// Counts a login, registration or refresh from the request's client.
    ///
    /// Errors: 429 `rate_limited`.
    pub fn check_auth(&self, req: &Request) -> Result<(), ApiError> {
        match &self.auth {
            Some(limiter) => check(limiter, &self.client_ip(req)),
            None => Ok(()),
        }
    }

    /// Counts a booking attempt of a user.
    ///
    /// Errors: 429 `rate_limited`.
    pub fn check_booking(&self, user_id: i64) -> Result<(), ApiError> {
        match &self.bookings {
            Some(limiter) => check(limiter, &user_id),
            None => Ok(()),
        }
    }

    /// Forgets clients whose buckets are full again, so memory follows the active clients
    /// (run by the housekeeping loop).
    pub fn forget_idle_clients(&self) {
        if let Some(limiter) = &self.auth {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        if let Some(limiter) = &self.bookings {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// The client's address: the peer, or with trusted proxies the `X-Forwarded-For` entry
    /// the nearest untrusted hop is known by. Unknown (a test client, a Unix socket): the
    /// unspecified address, one bucket for all such clients.
    pub fn client_ip(&self, req: &Request) -> IpAddr {
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

fn check<K: std::hash::Hash + Eq + Clone>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), ApiError> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        // Whole seconds, rounded up: retrying earlier would be refused again.
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        ApiError::Problem(
            Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests from this client; retry after the time Retry-After gives",
            )
            .retry_after(seconds.clamp(1, u64::from(u32::MAX)) as u32),
        )
    })
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

    fn limits(hops: usize) -> RateLimits {
        RateLimits::new(RateLimitSettings {
            auth_per_minute: 2,
            bookings_per_minute: 0,
            trusted_proxy_hops: hops,
        })
    }

    #[test]
    fn forwarded_for_counts_only_behind_trusted_proxies() {
        let forged = request(Some("1.2.3.4, 10.0.0.7"));
        let unknown = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert_eq!(limits(0).client_ip(&forged), unknown, "not trusted");
        assert_eq!(
            limits(1).client_ip(&forged),
            "10.0.0.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            limits(2).client_ip(&forged),
            "1.2.3.4".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            limits(3).client_ip(&forged),
            unknown,
            "fewer entries than hops"
        );
    }

    #[test]
    fn a_client_over_its_limit_is_told_when_to_retry_and_others_are_not_held_up() {
        let limits = limits(1);
        let flooder = request(Some("10.0.0.1"));
        limits.check_auth(&flooder).unwrap();
        limits.check_auth(&flooder).unwrap();
        let problem = limits.check_auth(&flooder).unwrap_err().into_problem();
        assert_eq!(
            (problem.status, problem.code.as_str()),
            (429, "rate_limited")
        );
        let retry = problem.retry_after.unwrap();
        assert!((1..=30).contains(&retry), "{retry}");
        limits.check_auth(&request(Some("10.0.0.2"))).unwrap();
        limits.check_booking(1).unwrap();
    }
}
