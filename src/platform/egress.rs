//! Where outgoing HTTP (webhooks) may go: the defence against server-side request forgery.
//!
//! A webhook URL is chosen by an admin but fetched by the service from inside the cluster, so
//! an unchecked one could reach what only the cluster should (a database, the cloud's metadata
//! service at 169.254.169.254, an admin port on loopback). Only `https` is allowed, and only to
//! public addresses; loopback (with `http` too) is for development, private networks for
//! deployments whose receivers live there. The host is checked when the webhook is created
//! (every address it resolves to) and again at each connection ([`FilteringResolver`]), since a
//! name may later resolve elsewhere (DNS rebinding).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Which destinations webhooks may reach, besides public `https` ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DestinationPolicy {
    /// Loopback addresses (`127.0.0.0/8`, `::1`, `localhost`), over `http` too: for
    /// development and tests (WEBHOOK_ALLOW_LOOPBACK).
    pub allow_loopback: bool,
    /// Private and link-local networks (RFC 1918, `100.64.0.0/10`, `fc00::/7`, `169.254.0.0/16`,
    /// `fe80::/10`), for receivers inside the deployment's network
    /// (WEBHOOK_ALLOW_PRIVATE_ADDRESSES).
    pub allow_private: bool,
}

/// What kind of address an IP is, as far as webhooks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressKind {
    Public,
    /// This host: loopback, and the unspecified address (which connects to it).
    Loopback,
    /// Private, shared (carrier-grade NAT) and link-local networks.
    Private,
    /// Not a unicast destination on the internet: multicast, broadcast, documentation,
    /// benchmarking and reserved ranges (RFC 6890). Never allowed.
    Special,
}

fn ipv4_kind(ip: Ipv4Addr) -> AddressKind {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() || ip.is_unspecified() || a == 0 {
        AddressKind::Loopback
    } else if ip.is_private() || ip.is_link_local() || (a == 100 && (64..128).contains(&b)) {
        AddressKind::Private
    } else if ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a >= 240
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
    {
        AddressKind::Special
    } else {
        AddressKind::Public
    }
}

fn ipv6_kind(ip: Ipv6Addr) -> AddressKind {
    // IPv4 addresses written as IPv6 reach the IPv4 address, or one the network derives from
    // it: judge that. Mapped `::ffff:a.b.c.d`, translated `::ffff:0:a.b.c.d` (RFC 2765),
    // compatible `::a.b.c.d` (deprecated; `::` and `::1` come out as 0.0.0.0 and 0.0.0.1,
    // this host), NAT64's well-known `64:ff9b::a.b.c.d` (RFC 6052), and 6to4's
    // `2002:aabb:ccdd::` (RFC 3056), which a relay sends to a.b.c.d.
    let segments = ip.segments();
    let v4 = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    let [s0, s1, s2, s3, s4, s5, s6, s7] = segments;
    if let Some(mapped) = ip.to_ipv4_mapped() {
        return ipv4_kind(mapped);
    }
    if [s0, s1, s2, s3, s5] == [0, 0, 0, 0, 0] && (s4 == 0xffff || s4 == 0) {
        return ipv4_kind(v4(s6, s7));
    }
    if [s0, s1, s2, s3, s4, s5] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return ipv4_kind(v4(s6, s7));
    }
    if s0 == 0x2002 {
        return ipv4_kind(v4(s1, s2));
    }
    // NAT64 for local use (`64:ff9b:1::/48`, RFC 8215) translates into the operator's own
    // networks; Teredo (`2001::/32`, RFC 4380) tunnels to an IPv4 address it obscures.
    if s0 == 0x64 && s1 == 0xff9b && s2 == 1 {
        return AddressKind::Private;
    }
    if s0 == 0x2001 && s1 == 0 {
        return AddressKind::Special;
    }
    if ip.is_loopback() || ip.is_unspecified() {
        AddressKind::Loopback
    } else if ip.is_unique_local() || ip.is_unicast_link_local() || segments[0] & 0xffc0 == 0xfec0 {
        // fec0::/10 is the deprecated site-local range, private in practice.
        AddressKind::Private
    } else if ip.is_multicast() || (segments[0] == 0x2001 && segments[1] == 0x0db8) {
        AddressKind::Special
    } else {
        AddressKind::Public
    }
}

fn kind(ip: IpAddr) -> AddressKind {
    match ip {
        IpAddr::V4(v4) => ipv4_kind(v4),
        IpAddr::V6(v6) => ipv6_kind(v6),
    }
}

impl DestinationPolicy {
    /// Whether a webhook may connect to `ip`.
    pub fn allows(&self, ip: IpAddr) -> bool {
        match kind(ip) {
            AddressKind::Public => true,
            AddressKind::Loopback => self.allow_loopback,
            AddressKind::Private => self.allow_private,
            AddressKind::Special => false,
        }
    }

    /// Checks a URL without resolving it: absolute, `https` (or `http` to a loopback host
    /// when loopback is allowed), with a host, without credentials, and not an IP address the
    /// policy refuses. Returns the parsed URL.
    ///
    /// Errors: why the URL is refused, for the caller to show.
    pub fn check_url(&self, url: &str) -> Result<Url, String> {
        let parsed =
            Url::parse(url).map_err(|err| format!("`url` is not an absolute URL: {err}"))?;
        let host = parsed
            .host_str()
            .ok_or_else(|| "`url` has no host".to_owned())?;
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err("`url` must not carry credentials; put them in its path or query".into());
        }
        let ip = ip_literal(host);
        let loopback_host = match ip {
            Some(ip) => kind(ip) == AddressKind::Loopback,
            None => host == "localhost",
        };
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_loopback && loopback_host => {}
            "http" => {
                return Err("`url` must use https (http only to loopback, in development)".into());
            }
            other => return Err(format!("`url` must use https, not `{other}`")),
        }
        if let Some(ip) = ip.filter(|ip| !self.allows(*ip)) {
            return Err(refused_address(ip));
        }
        Ok(parsed)
    }

    /// [`check_url`](Self::check_url), then resolves the host: every address it resolves to
    /// must be allowed (any one of them could be the one connected to).
    ///
    /// Errors: why the URL is refused: malformed, not https, a refused address, or a name
    /// that does not resolve.
    pub async fn check(&self, url: &str) -> Result<Url, String> {
        let parsed = self.check_url(url)?;
        let host = parsed.host_str().unwrap_or_default();
        if ip_literal(host).is_none() {
            let domain = host;
            let port = parsed.port_or_known_default().unwrap_or(443);
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((domain, port))
                .await
                .map_err(|err| format!("`url`'s host {domain} does not resolve: {err}"))?
                .collect();
            if addrs.is_empty() {
                return Err(format!("`url`'s host {domain} resolves to no address"));
            }
            if let Some(addr) = addrs.iter().find(|addr| !self.allows(addr.ip())) {
                return Err(refused_address(addr.ip()));
            }
        }
        Ok(parsed)
    }
}

/// The address a URL's host names literally (`10.0.0.1`, `[::1]`), if it is one.
/// A webhook URL as it may be logged: its scheme, host and port, and `/…` in place of a path
/// or query, which may hold the receiver's credentials (`https://hooks.example.com/…`).
pub fn redacted(url: &str) -> String {
    let Ok(parsed) = Url::parse(url) else {
        return "(not a URL)".to_owned();
    };
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    let rest = if parsed.path() != "/" || parsed.query().is_some() {
        "/…"
    } else {
        "/"
    };
    format!(
        "{}://{}{port}{rest}",
        parsed.scheme(),
        parsed.host_str().unwrap_or_default()
    )
}

fn ip_literal(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

fn refused_address(ip: IpAddr) -> String {
    format!(
        "`url` reaches {ip}, a loopback, private, link-local or reserved address, which this \
         service does not send webhooks to (see WEBHOOK_ALLOW_LOOPBACK and \
         WEBHOOK_ALLOW_PRIVATE_ADDRESSES)"
    )
}

/// The webhook client's DNS resolver: the system's, with every address the policy refuses
/// dropped, so a name that resolves elsewhere after the check still cannot reach them. A name
/// left with no address fails the attempt.
#[derive(Debug, Clone, Copy)]
pub struct FilteringResolver(pub DestinationPolicy);

impl Resolve for FilteringResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let allowed: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| policy.allows(addr.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(format!("{host} resolves to no address webhooks may reach").into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: DestinationPolicy = DestinationPolicy {
        allow_loopback: false,
        allow_private: false,
    };

    #[test]
    fn only_public_unicast_addresses_pass_by_default() {
        for refused in [
            "127.0.0.1",
            "0.0.0.0",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "192.0.2.1",
            "240.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            // IPv4-compatible, IPv4-translated, local-use NAT64, 6to4 and Teredo forms of
            // addresses inside.
            "::127.0.0.1",
            "::10.0.0.1",
            "::ffff:0:169.254.169.254",
            "::ffff:0:10.0.0.1",
            "64:ff9b:1::a9fe:a9fe",
            "64:ff9b:1:2::1",
            "2002:7f00:1::1",
            "2002:a9fe:a9fe::",
            "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        ] {
            let ip: IpAddr = refused.parse().unwrap();
            assert!(!STRICT.allows(ip), "{refused} should be refused");
        }
        for allowed in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "64:ff9b::5db8:d822",
            "2002:5db8:d822::1",
        ] {
            assert!(STRICT.allows(allowed.parse().unwrap()), "{allowed}");
        }
    }

    #[test]
    fn a_logged_url_keeps_its_host_and_loses_its_secrets() {
        assert_eq!(
            redacted("https://hooks.example.com/services/T0/B0/s3cret?token=s3cret"),
            "https://hooks.example.com/…"
        );
        assert_eq!(
            redacted("https://example.com:8443/"),
            "https://example.com:8443/"
        );
        assert_eq!(redacted("not a url"), "(not a URL)");
    }

    #[test]
    fn settings_open_loopback_and_private_networks_but_never_special_ranges() {
        let open = DestinationPolicy {
            allow_loopback: true,
            allow_private: true,
        };
        for allowed in ["127.0.0.1", "::1", "10.0.0.1", "169.254.169.254", "fd00::1"] {
            assert!(open.allows(allowed.parse().unwrap()), "{allowed}");
        }
        for refused in ["224.0.0.1", "255.255.255.255", "192.0.2.1", "2001:db8::1"] {
            assert!(!open.allows(refused.parse().unwrap()), "{refused}");
        }
        let loopback_only = DestinationPolicy {
            allow_loopback: true,
            allow_private: false,
        };
        assert!(!loopback_only.allows("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn urls_must_be_https_without_credentials_except_http_to_loopback_in_development() {
        let dev = DestinationPolicy {
            allow_loopback: true,
            allow_private: false,
        };
        assert!(
            STRICT
                .check_url("https://hooks.example.com/boxoffice")
                .is_ok()
        );
        assert!(STRICT.check_url("http://hooks.example.com/").is_err());
        assert!(dev.check_url("http://hooks.example.com/").is_err());
        assert!(STRICT.check_url("http://127.0.0.1:8000/").is_err());
        assert!(dev.check_url("http://127.0.0.1:8000/").is_ok());
        assert!(dev.check_url("http://localhost:8000/").is_ok());
        assert!(dev.check_url("http://[::1]:8000/").is_ok());
        assert!(STRICT.check_url("https://10.0.0.1/").is_err());
        assert!(STRICT.check_url("https://[::ffff:a9fe:a9fe]/").is_err());
        assert!(STRICT.check_url("ftp://hooks.example.com/").is_err());
        assert!(
            STRICT
                .check_url("https://user:pw@hooks.example.com/")
                .is_err()
        );
        assert!(STRICT.check_url("/relative").is_err());
    }
}
