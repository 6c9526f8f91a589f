//! The configuration's parsing and checks.

use base64::Engine as _;

use super::*;

fn random_hex() -> String {
    crate::platform::random::random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random base64 ticket signing key, as `openssl rand -base64 32` makes one.
fn random_ticket_key() -> String {
    base64::engine::general_purpose::STANDARD.encode(crate::platform::random::random_bytes::<32>())
}

#[test]
fn token_secrets_are_long_and_not_placeholders() {
    for refused in [
        "change-me-to-at-least-32-random-bytes-0000",
        "a benchmark secret of at least 32 bytes",
        "short",
    ] {
        assert!(check_token_secret(refused).is_err(), "{refused}");
    }
    // A random value, not a literal: a committed one would be an example anyone can read.
    assert!(check_token_secret(&random_hex()).is_ok());
}

#[test]
fn one_worker_thread_unless_more_are_asked_for() {
    assert_eq!(Config::parse_from(["boxoffice"]).http.worker_threads, 1);
    let four = Config::parse_from(["boxoffice", "--worker-threads", "4"]);
    assert_eq!(four.http.worker_threads, 4);
    assert!(Config::try_parse_from(["boxoffice", "--worker-threads", "0"]).is_err());
}

#[test]
fn the_settings_print_without_their_secrets() {
    let secret = random_hex();
    let config = Config::parse_from(["boxoffice", "--token-secret", &secret]);
    let printed = format!("{config:?}");
    assert!(!printed.contains(&secret), "{printed}");
}

#[test]
fn a_database_url_requires_both_secrets() {
    let mut config = Config::parse_from(["boxoffice"]);
    // The local development server may sign with random keys.
    assert!(config.settle_secrets(false).is_ok());
    let err = config.settle_secrets(true).unwrap_err();
    assert!(
        err.to_string().contains("TOKEN_SECRET is required"),
        "{err}"
    );
    let secret = random_hex();
    let mut config = Config::parse_from(["boxoffice", "--token-secret", &secret]);
    let err = config.settle_secrets(true).unwrap_err();
    assert!(
        err.to_string().contains("TICKET_SIGNING_KEY is required"),
        "{err}"
    );
    let key = random_ticket_key();
    let mut config = Config::parse_from([
        "boxoffice",
        "--token-secret",
        &secret,
        "--ticket-signing-key",
        &key,
    ]);
    config.settle_secrets(true).unwrap();
    assert_eq!(config.ticketing.ticket_signing_seeds().len(), 1);

    let placeholder = "change-me-to-at-least-32-random-bytes-0000";
    let mut config = Config::parse_from(["boxoffice", "--token-secret", placeholder]);
    let err = config.settle_secrets(true).unwrap_err().to_string();
    assert!(
        err.contains("placeholder") && !err.contains(placeholder),
        "{err}"
    );
}

#[test]
fn secrets_may_come_from_files_and_are_checked_the_same() {
    let dir = std::env::temp_dir();
    let secret_file = dir.join(format!("boxoffice-secret-{}", std::process::id()));
    let key_file = dir.join(format!("boxoffice-ticket-key-{}", std::process::id()));
    let (secret, key) = (random_hex(), random_ticket_key());
    std::fs::write(&secret_file, format!("{secret}\n")).unwrap();
    std::fs::write(&key_file, format!("{key}\n")).unwrap();
    let args = |secret_file: &std::path::Path| {
        Config::parse_from([
            "boxoffice",
            "--token-secret-file",
            secret_file.to_str().unwrap(),
            "--ticket-signing-key-file",
            key_file.to_str().unwrap(),
        ])
    };
    let mut config = args(&secret_file);
    config.settle_secrets(true).unwrap();
    let settled = |s: &Option<Secret>| s.as_ref().map(|s| s.expose().to_owned());
    assert_eq!(settled(&config.identity.token_secret), Some(secret));
    assert_eq!(settled(&config.ticketing.ticket_signing_key), Some(key));
    std::fs::write(&secret_file, "change-me-change-me-change-me-change-me").unwrap();
    assert!(args(&secret_file).settle_secrets(true).is_err());
    std::fs::remove_file(&secret_file).unwrap();
    std::fs::remove_file(&key_file).unwrap();
}

#[test]
fn ticket_signing_keys_rotate_through_one_setting_not_beside_the_single_key() {
    let (secret, a, b) = (random_hex(), random_ticket_key(), random_ticket_key());
    let keys = format!("{a},{b}");
    let mut config = Config::parse_from([
        "boxoffice",
        "--token-secret",
        &secret,
        "--ticket-signing-keys",
        &keys,
    ]);
    config.settle_secrets(true).unwrap();
    let seeds = config.ticketing.ticket_signing_seeds();
    assert_eq!(seeds.len(), 2);
    assert_eq!(
        seeds[0],
        ticket_codes::parse_signing_key(&a).unwrap(),
        "current first"
    );

    let mut both = Config::parse_from([
        "boxoffice",
        "--token-secret",
        &secret,
        "--ticket-signing-key",
        &a,
        "--ticket-signing-keys",
        &keys,
    ]);
    let err = both.settle_secrets(true).unwrap_err().to_string();
    assert!(err.contains("both set"), "{err}");

    let file = std::env::temp_dir().join(format!("boxoffice-ticket-keys-{}", std::process::id()));
    std::fs::write(&file, format!("{b}\n{a}\n")).unwrap();
    let mut from_file = Config::parse_from([
        "boxoffice",
        "--token-secret",
        &secret,
        "--ticket-signing-keys-file",
        file.to_str().unwrap(),
    ]);
    from_file.settle_secrets(true).unwrap();
    let seeds = from_file.ticketing.ticket_signing_seeds();
    assert_eq!(seeds[0], ticket_codes::parse_signing_key(&b).unwrap());
    std::fs::write(&file, format!("{a}\nnot-a-key\n")).unwrap();
    let mut bad = Config::parse_from([
        "boxoffice",
        "--token-secret",
        &secret,
        "--ticket-signing-keys-file",
        file.to_str().unwrap(),
    ]);
    let err = bad.settle_secrets(true).unwrap_err().to_string();
    assert!(
        err.contains("key 2") && err.contains("TICKET_SIGNING_KEYS_FILE"),
        "{err}"
    );
    std::fs::remove_file(&file).unwrap();
}
