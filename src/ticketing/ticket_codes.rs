//! Ticket codes: what the QR code on a ticket carries, signed so that a scanner with no
//! network can tell a real ticket from a forged one.
//!
//! A code is the base64url encoding without padding (RFC 4648 §5) of these bytes (format
//! version 2, which this service writes):
//!
//! | bytes | field |
//! |------:|-------|
//! | 1 | format version, `0x02` |
//! | 3 | key id: the first 3 bytes of the signing key's RFC 7638 thumbprint (SHA-256), so the first 4 characters of its JWK's `kid` |
//! | 8 | ticket id, unsigned big-endian |
//! | 8 | screening id, unsigned big-endian |
//! | 1 | length `n` of the seat label |
//! | n | seat label, ASCII (`F12`) |
//! | 64 | Ed25519 signature (RFC 8032 §5.1.6) of all the bytes before it |
//!
//! Version 1, which the service wrote before keys could rotate, is the same without the key
//! id; it still verifies, with any configured key. The public keys are published as a JWK set
//! (RFC 7517 §5; each key RFC 8037: `kty` `OKP`, `crv` `Ed25519`) at
//! `GET /v1/tickets/signing-keys`. A code of a six-character seat label is 91 bytes, 122
//! characters: a QR code of version 7 at error correction level M holds 122 bytes.
//!
//! A valid signature proves the service issued the ticket, not that it still admits: a
//! cancelled seat's ticket is void, and a ticket admits once; the check-in says which.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use qrcode::bits::Bits;
use qrcode::{EcLevel, QrCode, Version, render::svg};
use sha2::{Digest as _, Sha256};

use crate::platform::secret::check_not_placeholder;

/// The format version this service writes: 2, which names its key.
pub const CODE_VERSION: u8 = 2;

/// The format version written before keys could rotate: no key id. Still read.
pub const CODE_VERSION_1: u8 = 1;

/// Bytes of a key id in a code: 3, the first 4 characters of the key's `kid`.
pub const KEY_ID_LEN: usize = 3;

/// The longest code, in characters: a label of 255 bytes, unpadded base64. Longer input is
/// not a code.
pub const MAX_CODE_CHARS: usize = ((1 + KEY_ID_LEN + 8 + 8 + 1 + 255 + 64) * 4usize).div_ceil(3);

/// What a code says: which ticket, for which screening and seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketClaims {
    /// The ticket's id.
    pub ticket_id: i64,
    /// The screening it admits to.
    pub screening_id: i64,
    /// The seat, e.g. `F12`.
    pub seat_label: String,
}

/// Why a string is not a code this service signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not base64url, too short or too long, or its fields do not add up.
    #[error("the code is malformed")]
    Malformed,
    /// A format version this service does not read (it reads 1 and 2).
    #[error("the code has an unknown format version {0}")]
    UnknownVersion(u8),
    /// The signature does not verify with the key the code names (with any key held, for
    /// version 1): tampered with, or forged.
    #[error("the code's signature does not verify")]
    BadSignature,
    /// The code names a key this service does not hold: retired after a rotation, or never
    /// this service's.
    #[error("the code is signed by a key this service does not trust (retired, or unknown)")]
    UnknownKey,
}

/// The signed bytes of a version-2 code: version, key id, ids and label.
fn signed_bytes(key_id: [u8; KEY_ID_LEN], claims: &TicketClaims) -> Vec<u8> {
    let label = claims.seat_label.as_bytes();
    let mut bytes = Vec::with_capacity(1 + KEY_ID_LEN + 17 + label.len() + 64);
    bytes.push(CODE_VERSION);
    bytes.extend_from_slice(&key_id);
    bytes.extend_from_slice(&(claims.ticket_id as u64).to_be_bytes());
    bytes.extend_from_slice(&(claims.screening_id as u64).to_be_bytes());
    // Labels are at most six characters (`^[A-Z]{1,3}[1-9][0-9]{0,2}$`).
    bytes.push(u8::try_from(label.len()).expect("a seat label is short"));
    bytes.extend_from_slice(label);
    bytes
}

/// Reads a ticket signing key as TICKET_SIGNING_KEY gives it: the base64 of a 32-byte Ed25519
/// seed (RFC 8032 §5.1.5), not a placeholder. Returns the seed.
///
/// Errors: the message to show, which never repeats the key.
pub fn parse_signing_key(key: &str) -> Result<[u8; 32], String> {
    parse_seed("TICKET_SIGNING_KEY", key)
}

/// Reads TICKET_SIGNING_KEYS: seeds as [`parse_signing_key`] reads one, separated by commas
/// or white space, the key that signs first; at least one, no key twice. Returns the seeds.
///
/// Errors: the message to show, which never repeats a key.
pub fn parse_signing_keys(keys: &str) -> Result<Vec<[u8; 32]>, String> {
    const NAME: &str = "TICKET_SIGNING_KEYS";
    let seeds = keys
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|key| !key.is_empty())
        .enumerate()
        .map(|(n, key)| parse_seed(NAME, key).map_err(|err| format!("key {}: {err}", n + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    if seeds.is_empty() {
        return Err(format!("{NAME} holds no key"));
    }
    SigningKeys::new(&seeds)?;
    Ok(seeds)
}

fn parse_seed(name: &str, key: &str) -> Result<[u8; 32], String> {
    check_not_placeholder(name, key)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(key.trim())
        .map_err(|_| format!("{name} is not base64; make one with `openssl rand -base64 32`"))?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
        format!(
            "{name} must be 32 bytes (an Ed25519 seed), got {}; make one with \
             `openssl rand -base64 32`",
            bytes.len()
        )
    })
}

/// The keys that sign and verify ticket codes: the first signs, every one verifies, so that
/// keys rotate without voiding the codes already given out (README, "Rotating the ticket
/// signing key").
pub struct SigningKeys {
    keys: Vec<(SigningKey, [u8; KEY_ID_LEN])>,
}

impl SigningKeys {
    /// The keys of these Ed25519 seeds, the one that signs first.
    ///
    /// Errors: no seed, or two keys with one key id (the same key twice, or a 1 in 2^24
    /// chance: make another).
    pub fn new(seeds: &[[u8; 32]]) -> Result<Self, String> {
        if seeds.is_empty() {
            return Err("no ticket signing key".into());
        }
        let mut keys: Vec<(SigningKey, [u8; KEY_ID_LEN])> = Vec::with_capacity(seeds.len());
        for seed in seeds {
            let key = SigningKey::from_bytes(seed);
            let id = key_id(&key.verifying_key());
            if keys.iter().any(|(_, other)| *other == id) {
                return Err(
                    "two ticket signing keys have the same key id (the same key twice?)".into(),
                );
            }
            keys.push((key, id));
        }
        Ok(SigningKeys { keys })
    }

    /// The key that signs new codes.
    pub fn current(&self) -> &SigningKey {
        &self.keys[0].0
    }

    /// Every key that verifies codes, the one that signs first.
    pub fn all(&self) -> impl Iterator<Item = &SigningKey> {
        self.keys.iter().map(|(key, _)| key)
    }

    /// Signs a ticket's code (version 2) with the current key.
    pub fn sign(&self, claims: &TicketClaims) -> String {
        let (key, id) = &self.keys[0];
        let mut bytes = signed_bytes(*id, claims);
        let signature = key.sign(&bytes);
        bytes.extend_from_slice(&signature.to_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Reads a code and checks its signature: a version-2 code with the key it names, a
    /// version-1 code with any key held.
    ///
    /// Errors: [`CodeError`]; `UnknownKey` for a version-2 code whose key is not held.
    pub fn verify(&self, code: &str) -> Result<TicketClaims, CodeError> {
        if code.len() > MAX_CODE_CHARS {
            return Err(CodeError::Malformed);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(code)
            .map_err(|_| CodeError::Malformed)?;
        let (&version, rest) = bytes.split_first().ok_or(CodeError::Malformed)?;
        let (keys, fields): (Vec<&SigningKey>, &[u8]) = match version {
            CODE_VERSION => {
                if rest.len() < KEY_ID_LEN {
                    return Err(CodeError::Malformed);
                }
                let (id, fields) = rest.split_at(KEY_ID_LEN);
                let key = self.keys.iter().find(|(_, held)| held == id);
                (vec![&key.ok_or(CodeError::UnknownKey)?.0], fields)
            }
            CODE_VERSION_1 => (self.all().collect(), rest),
            other => return Err(CodeError::UnknownVersion(other)),
        };
        if fields.len() < 8 + 8 + 1 + 64 {
            return Err(CodeError::Malformed);
        }
        let label_len = usize::from(fields[16]);
        if fields.len() != 17 + label_len + 64 {
            return Err(CodeError::Malformed);
        }
        let (message, signature) = bytes.split_at(bytes.len() - 64);
        let signature = Signature::from_slice(signature).map_err(|_| CodeError::Malformed)?;
        if !keys.iter().any(|key| {
            key.verifying_key()
                .verify_strict(message, &signature)
                .is_ok()
        }) {
            return Err(CodeError::BadSignature);
        }
        let id =
            |at: usize| u64::from_be_bytes(fields[at..at + 8].try_into().expect("8 bytes")) as i64;
        let seat_label = std::str::from_utf8(&fields[17..17 + label_len])
            .map_err(|_| CodeError::Malformed)?
            .to_owned();
        Ok(TicketClaims {
            ticket_id: id(0),
            screening_id: id(8),
            seat_label,
        })
    }
}

/// A key's RFC 7638 thumbprint: SHA-256 of its required JWK members (RFC 8037 §2), in
/// lexicographic order, without white space (§3.2).
fn thumbprint(key: &VerifyingKey) -> [u8; 32] {
    let x = URL_SAFE_NO_PAD.encode(key.as_bytes());
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    Sha256::digest(canonical.as_bytes()).into()
}

/// The key id a version-2 code carries: the first bytes of the key's thumbprint.
fn key_id(key: &VerifyingKey) -> [u8; KEY_ID_LEN] {
    thumbprint(key)[..KEY_ID_LEN]
        .try_into()
        .expect("a thumbprint is 32 bytes")
}

/// The public key as a JWK (RFC 8037 §2): its `x`, and its RFC 7638 thumbprint as `kid`.
pub fn public_jwk(key: &VerifyingKey) -> (String, String) {
    (
        URL_SAFE_NO_PAD.encode(key.as_bytes()),
        URL_SAFE_NO_PAD.encode(thumbprint(key)),
    )
}

/// A code drawn as a QR code (byte mode, error correction level M: readable with 15 % of
/// it damaged), as SVG: the smallest version that holds the code in one byte-mode segment.
/// The qrcode crate's own choice of segments can take a version more (a version 8 for some
/// 122-character codes that fit a version 7).
pub fn qr_svg(code: &str) -> String {
    qr_code(code)
        .render::<svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build()
}

fn qr_code(code: &str) -> QrCode {
    (1..=40)
        .find_map(|version| {
            let mut bits = Bits::new(Version::Normal(version));
            bits.push_byte_data(code.as_bytes()).ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })
        .expect("a ticket code fits a QR code")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signing_key_is_a_base64_seed_of_32_bytes() {
        let random = base64::engine::general_purpose::STANDARD
            .encode(crate::platform::random::random_bytes::<32>());
        assert!(parse_signing_key(&random).is_ok());
        let short = base64::engine::general_purpose::STANDARD.encode([7u8; 16]);
        let err = parse_signing_key(&short).unwrap_err();
        assert!(err.contains("must be 32 bytes"), "{err}");
        let err = parse_signing_key("not base64!").unwrap_err();
        assert!(err.contains("not base64"), "{err}");
        assert!(parse_signing_key("change-me-to-at-least-32-random-bytes-0000").is_err());
    }

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn claims() -> TicketClaims {
        TicketClaims {
            ticket_id: 123_456,
            screening_id: 42,
            seat_label: "ABC999".into(),
        }
    }

    fn keys(seeds: &[u8]) -> SigningKeys {
        let seeds: Vec<[u8; 32]> = seeds.iter().map(|&seed| [seed; 32]).collect();
        SigningKeys::new(&seeds).unwrap()
    }

    /// A code in format version 1, as the service wrote them before keys could rotate.
    fn sign_v1(key: &SigningKey, claims: &TicketClaims) -> String {
        let mut bytes = signed_bytes([0; KEY_ID_LEN], claims);
        bytes.drain(..1 + KEY_ID_LEN);
        bytes.insert(0, CODE_VERSION_1);
        let signature = key.sign(&bytes);
        bytes.extend_from_slice(&signature.to_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn a_code_verifies_and_says_what_was_signed() {
        let code = keys(&[1]).sign(&claims());
        assert_eq!(keys(&[1]).verify(&code), Ok(claims()));
        assert_eq!(code.len(), 122, "{code}");
    }

    #[test]
    fn a_code_names_its_key_by_the_first_characters_of_its_kid() {
        let code = keys(&[1]).sign(&claims());
        let (_, kid) = public_jwk(&key(1).verifying_key());
        let bytes = URL_SAFE_NO_PAD.decode(&code).unwrap();
        assert_eq!(bytes[0], 2);
        assert_eq!(URL_SAFE_NO_PAD.encode(&bytes[1..1 + KEY_ID_LEN]), kid[..4]);
    }

    #[test]
    fn a_longest_label_code_fits_a_qr_code_of_version_7_at_level_m() {
        // Codes differ in the characters their bytes make, so try many.
        for ticket_id in 0..200 {
            let code = keys(&[1]).sign(&TicketClaims {
                ticket_id: 1_000_000 + ticket_id,
                ..claims()
            });
            assert_eq!(qr_code(&code).version(), Version::Normal(7), "{code}");
        }
    }

    #[test]
    fn codes_of_an_old_key_verify_while_it_is_held_and_not_after_it_is_retired() {
        let old = keys(&[1]);
        let (v2, v1) = (old.sign(&claims()), sign_v1(&key(1), &claims()));
        // The new key added second, then promoted: the old key's codes still verify.
        for rotating in [keys(&[1, 2]), keys(&[2, 1])] {
            assert_eq!(rotating.verify(&v2), Ok(claims()));
            assert_eq!(rotating.verify(&v1), Ok(claims()));
        }
        // Promoted, it signs; the old key does not verify its codes.
        let new_code = keys(&[2, 1]).sign(&claims());
        assert_eq!(keys(&[2]).verify(&new_code), Ok(claims()));
        assert_eq!(old.verify(&new_code), Err(CodeError::UnknownKey));
        // The old key retired.
        assert_eq!(keys(&[2]).verify(&v2), Err(CodeError::UnknownKey));
        assert_eq!(keys(&[2]).verify(&v1), Err(CodeError::BadSignature));
    }

    #[test]
    fn each_flaw_is_named() {
        let held = keys(&[1]);
        let code = held.sign(&claims());
        let mut bytes = URL_SAFE_NO_PAD.decode(&code).unwrap();
        bytes[10] ^= 1;
        assert_eq!(
            held.verify(&URL_SAFE_NO_PAD.encode(&bytes)),
            Err(CodeError::BadSignature)
        );
        bytes[0] = 3;
        assert_eq!(
            held.verify(&URL_SAFE_NO_PAD.encode(&bytes)),
            Err(CodeError::UnknownVersion(3))
        );
        assert_eq!(held.verify("not a code!"), Err(CodeError::Malformed));
        assert_eq!(held.verify(&code[..60]), Err(CodeError::Malformed));
        assert_eq!(held.verify(""), Err(CodeError::Malformed));
        assert_eq!(held.verify("Ag"), Err(CodeError::Malformed));
    }

    #[test]
    fn signing_keys_are_listed_current_first_without_repeats() {
        let encode = |seed: u8| base64::engine::general_purpose::STANDARD.encode([seed; 32]);
        let (a, b) = (encode(1), encode(2));
        assert_eq!(
            parse_signing_keys(&format!("{a}, {b}\n")),
            Ok(vec![[1; 32], [2; 32]])
        );
        assert_eq!(
            parse_signing_keys(&format!("{b} {a}")),
            Ok(vec![[2; 32], [1; 32]])
        );
        let err = parse_signing_keys(&format!("{a},{a}")).unwrap_err();
        assert!(err.contains("same key id"), "{err}");
        let err = parse_signing_keys(&format!("{a},short")).unwrap_err();
        assert!(err.starts_with("key 2:"), "{err}");
        assert!(parse_signing_keys(" , ").unwrap_err().contains("no key"));
    }
}
