//! HTTP caching of what every client may read alike (the catalog): entity tags made from the
//! versions the database keeps (migrations/000017), `Cache-Control`, and conditional GETs
//! that answer 304 Not Modified without building a body (RFC 9111, RFC 9110 §13).

use std::hash::{DefaultHasher, Hash, Hasher};

use poem_openapi::ApiResponse;
use poem_openapi::types::Type;

use super::http::JsonBody;
use super::text::push_hex;

/// How long a shared or private cache may reuse a catalog answer without asking again: movies,
/// theaters and layouts change seldom, and an admin's change reaches caches within a minute.
/// Conditional requests (`If-None-Match`) always get the current state.
pub const CATALOG: &str = "public, max-age=60";

/// For answers that hold seat availability (screenings, seat maps): reused for a second at
/// most, since bookings change them all the time.
pub const AVAILABILITY: &str = "public, max-age=1";

/// A strong entity tag (RFC 9110 §8.8.3): a quoted hash of the values a representation is made
/// from (a version the database raises on every change, and any count computed at read time).
/// It changes when they do; equal values give the same tag in every replica.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityTag(String);

impl EntityTag {
    /// The tag of a representation made from `parts`.
    pub fn of(parts: impl Hash) -> Self {
        Self::of_each([parts])
    }

    /// The tag of a list made from `items`, in order (each item's key and version, say).
    pub fn of_each<I: Hash>(items: impl IntoIterator<Item = I>) -> Self {
        let mut hasher = DefaultHasher::new();
        items.into_iter().for_each(|item| item.hash(&mut hasher));
        let mut tag = String::with_capacity(18);
        tag.push('"');
        push_hex(&mut tag, hasher.finish());
        tag.push('"');
        EntityTag(tag)
    }

    /// Whether an `If-None-Match` value names this tag, so the client's copy is current. The
    /// comparison is weak, as RFC 9110 §13.1.2 says for If-None-Match (a `W/` prefix does not
    /// matter), and `*` names any tag.
    pub fn matched_by(&self, if_none_match: &str) -> bool {
        if_none_match.trim() == "*"
            || if_none_match
                .split(',')
                .map(|tag| tag.trim())
                .map(|tag| tag.strip_prefix("W/").unwrap_or(tag))
                .any(|tag| tag == self.0)
    }

    /// The tag as the `ETag` header carries it, quotes included.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The answer to a cacheable GET: the representation with its `ETag` and `Cache-Control`, or
/// 304 when `If-None-Match` names the current tag.
#[derive(ApiResponse)]
pub enum Cached<T: Type + serde::Serialize> {
    /// The current representation.
    #[oai(status = 200)]
    Ok(
        JsonBody<T>,
        /// Its entity tag: send it back in `If-None-Match` to revalidate a cached copy.
        #[oai(header = "ETag")]
        String,
        /// How long caches may reuse it without revalidating.
        #[oai(header = "Cache-Control")]
        String,
    ),
    /// Not modified: the copy named by `If-None-Match` is current. No body.
    #[oai(status = 304)]
    NotModified(
        /// The current entity tag.
        #[oai(header = "ETag")]
        String,
        /// How long caches may reuse it without revalidating.
        #[oai(header = "Cache-Control")]
        String,
    ),
}

impl<T: Type + serde::Serialize> Cached<T> {
    /// 304 when `if_none_match` names `tag`; otherwise 200 with the body `make` builds (it is
    /// not built for a 304).
    pub fn answer(
        tag: EntityTag,
        if_none_match: Option<&str>,
        cache_control: &'static str,
        make: impl FnOnce() -> T,
    ) -> Self {
        match if_none_match {
            Some(condition) if tag.matched_by(condition) => {
                Cached::NotModified(tag.0, cache_control.to_owned())
            }
            _ => Cached::Ok(JsonBody(make()), tag.0, cache_control.to_owned()),
        }
    }

    /// 304 with `tag`: the client's copy is current.
    pub fn not_modified(tag: EntityTag, cache_control: &'static str) -> Self {
        Cached::NotModified(tag.0, cache_control.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_star_matches_any() {
        let tag = EntityTag::of((7_i64, 3_i64));
        let quoted = tag.as_str().to_owned();
        assert!(tag.matched_by(&quoted));
        assert!(tag.matched_by(&format!("W/{quoted}")));
        assert!(tag.matched_by(&format!("\"other\", {quoted}")));
        assert!(tag.matched_by("*"));
        assert!(!tag.matched_by("\"other\""));
        assert!(!tag.matched_by(quoted.trim_matches('"')));
        assert_ne!(tag, EntityTag::of((7_i64, 4_i64)));
    }
}
