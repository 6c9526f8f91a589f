//! Secrets in settings: a value that never prints itself, and the rule that refuses
//! placeholders and the examples this repository has published.

use std::fmt;

/// A secret setting's value (a token secret, a signing key, an API key). Its `Debug` and
/// `Display` print `[redacted]`, so a settings struct can be logged or shown in an error
/// without leaking it; [`Secret::expose`] is the one way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the code that uses it (never for a log line).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Secret(value.to_owned()))
    }
}

/// Secret values this repository has published at some point (in a manifest, a compose file,
/// a script, a benchmark or a test). Anyone can read them, so a service configured with one
/// is as open as one with none: they are refused. A test keeps this list complete.
pub const PUBLISHED_EXAMPLE_SECRETS: &[&str] = &[
    "change-me-to-at-least-32-random-bytes-0000",
    "local-development-secret-change-me-0123456789",
    "a-secret-for-the-client-checks-0123456789",
    "a benchmark secret of at least 32 bytes",
    "a test secret that is at least 32 bytes long",
    "an end-to-end secret of 32 bytes or more",
];

/// Refuses a secret that is a placeholder (contains `change-me`) or an example published in
/// this repository; `name` is the setting, for the message. The value itself is never
/// repeated in the message.
pub fn check_not_placeholder(name: &str, secret: &str) -> Result<(), String> {
    if secret.to_ascii_lowercase().contains("change-me") {
        return Err(format!(
            "{name} is a placeholder (it contains `change-me`); set it to a random value, \
             e.g. `openssl rand -base64 48`"
        ));
    }
    if PUBLISHED_EXAMPLE_SECRETS.contains(&secret) {
        return Err(format!(
            "{name} is an example value published in boxoffice's repository, so anyone can \
             use it; set it to a random value, e.g. `openssl rand -base64 48`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints_its_value() {
        let secret = Secret::new("hunter2-hunter2");
        assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
        assert_eq!(secret.expose(), "hunter2-hunter2");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Settings {
            token: Option<Secret>,
        }
        let printed = format!(
            "{:?}",
            Settings {
                token: Some(secret)
            }
        );
        assert!(!printed.contains("hunter2"), "{printed}");
    }

    #[test]
    fn placeholders_and_published_examples_are_refused() {
        for refused in [
            "change-me-to-at-least-32-random-bytes-0000",
            "please-CHANGE-ME-before-production-0123456789",
            "a benchmark secret of at least 32 bytes",
        ] {
            let err = check_not_placeholder("TOKEN_SECRET", refused).unwrap_err();
            assert!(!err.contains(refused), "{err}");
        }
        // A random value, not a literal: a committed one would be an example anyone can read.
        let random: String = crate::platform::random::random_bytes::<32>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(check_not_placeholder("TOKEN_SECRET", &random).is_ok());
    }
}
