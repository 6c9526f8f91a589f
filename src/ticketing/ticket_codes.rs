//! Ticket codes: what the QR code on a ticket carries, signed so that a scanner with no
//! network can tell a real ticket from a forged one.
//!
//! A code is the base64url encoding without padding (RFC 4648 §5) of these bytes:
//!
//! | bytes | field |
//! |------:|-------|
//! | 1 | format version, `0x01` |
//! | 8 | ticket id, unsigned big-endian |
//! | 8 | screening id, unsigned big-endian |
//! | 1 | length `n` of the seat label |
//! | n | seat label, ASCII (`F12`) |
//! | 64 | Ed25519 signature (RFC 8032 §5.1.6) of all the bytes before it |
//!
//! The public key is published as a JWK (RFC 8037: `kty` `OKP`, `crv` `Ed25519`) at
//! `GET /v1/tickets/signing-key`. A code of a six-character seat label is 88 bytes, 118
//! characters: a QR code of version 7 at error correction level M.
//!
//! A valid signature proves the service issued the ticket, not that it still admits: a
//! cancelled seat's ticket is void, and a ticket admits once; the check-in says which.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use qrcode::{EcLevel, QrCode, render::svg};
use sha2::{Digest as _, Sha256};

use crate::platform::secret::check_not_placeholder;

/// The format version this service writes and reads.
pub const CODE_VERSION: u8 = 1;

/// The longest code, in characters: a label of 255 bytes, unpadded base64. Longer input is
/// not a code.
pub const MAX_CODE_CHARS: usize = ((1 + 8 + 8 + 1 + 255 + 64) * 4usize).div_ceil(3);

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
    /// A format version this service does not write.
    #[error("the code has an unknown format version {0}")]
    UnknownVersion(u8),
    /// The signature does not verify with the service's key: tampered with, or forged.
    #[error("the code's signature does not verify")]
    BadSignature,
}

/// The signed bytes of a code: version, ids and label.
fn signed_bytes(claims: &TicketClaims) -> Vec<u8> {
    let label = claims.seat_label.as_bytes();
    let mut bytes = Vec::with_capacity(18 + label.len() + 64);
    bytes.push(CODE_VERSION);
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
    check_not_placeholder("TICKET_SIGNING_KEY", key)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(key.trim())
        .map_err(|_| {
            "TICKET_SIGNING_KEY is not base64; make one with `openssl rand -base64 32`".to_owned()
        })?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
        format!(
            "TICKET_SIGNING_KEY must be 32 bytes (an Ed25519 seed), got {}; make one with \
             `openssl rand -base64 32`",
            bytes.len()
        )
    })
}

/// Signs a ticket's code.
pub fn sign(key: &SigningKey, claims: &TicketClaims) -> String {
    let mut bytes = signed_bytes(claims);
    let signature = key.sign(&bytes);
    bytes.extend_from_slice(&signature.to_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Reads a code and checks its signature with `key`.
///
/// Errors: [`CodeError`].
pub fn verify(key: &VerifyingKey, code: &str) -> Result<TicketClaims, CodeError> {
    if code.len() > MAX_CODE_CHARS {
        return Err(CodeError::Malformed);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(code)
        .map_err(|_| CodeError::Malformed)?;
    let (&version, rest) = bytes.split_first().ok_or(CodeError::Malformed)?;
    if version != CODE_VERSION {
        return Err(CodeError::UnknownVersion(version));
    }
    if rest.len() < 8 + 8 + 1 + 64 {
        return Err(CodeError::Malformed);
    }
    let label_len = usize::from(rest[16]);
    if rest.len() != 17 + label_len + 64 {
        return Err(CodeError::Malformed);
    }
    let (message, signature) = bytes.split_at(bytes.len() - 64);
    let signature = Signature::from_slice(signature).map_err(|_| CodeError::Malformed)?;
    key.verify_strict(message, &signature)
        .map_err(|_| CodeError::BadSignature)?;
    let id = |at: usize| u64::from_be_bytes(rest[at..at + 8].try_into().expect("8 bytes")) as i64;
    let seat_label = std::str::from_utf8(&rest[17..17 + label_len])
        .map_err(|_| CodeError::Malformed)?
        .to_owned();
    Ok(TicketClaims {
        ticket_id: id(0),
        screening_id: id(8),
        seat_label,
    })
}

/// The public key as a JWK (RFC 8037 §2), with its RFC 7638 thumbprint as `kid`.
pub fn public_jwk(key: &VerifyingKey) -> (String, String) {
    let x = URL_SAFE_NO_PAD.encode(key.as_bytes());
    // RFC 7638 §3.2: the required members, in lexicographic order, without whitespace.
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()));
    (x, kid)
}

/// A code drawn as a QR code (byte mode, error correction level M: readable with 15 % of
/// it damaged), as SVG.
pub fn qr_svg(code: &str) -> String {
    QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M)
        .expect("a ticket code fits a QR code")
        .render::<svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build()
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

    #[test]
    fn a_code_verifies_and_says_what_was_signed() {
        let code = sign(&key(1), &claims());
        assert_eq!(verify(&key(1).verifying_key(), &code), Ok(claims()));
        assert_eq!(code.len(), 118, "{code}");
    }

    #[test]
    fn a_longest_label_code_fits_a_qr_code_of_version_7_at_level_m() {
        let code = sign(&key(1), &claims());
        let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M).unwrap();
        assert!(
            matches!(qr.version(), qrcode::Version::Normal(v) if v <= 7),
            "{:?}",
            qr.version()
        );
    }

    #[test]
    fn each_flaw_is_named() {
        let code = sign(&key(1), &claims());
        let public = key(1).verifying_key();
        assert_eq!(
            verify(&key(2).verifying_key(), &code),
            Err(CodeError::BadSignature)
        );
        let mut bytes = URL_SAFE_NO_PAD.decode(&code).unwrap();
        bytes[5] ^= 1;
        assert_eq!(
            verify(&public, &URL_SAFE_NO_PAD.encode(&bytes)),
            Err(CodeError::BadSignature)
        );
        bytes[0] = 2;
        assert_eq!(
            verify(&public, &URL_SAFE_NO_PAD.encode(&bytes)),
            Err(CodeError::UnknownVersion(2))
        );
        assert_eq!(verify(&public, "not a code!"), Err(CodeError::Malformed));
        assert_eq!(verify(&public, &code[..60]), Err(CodeError::Malformed));
        assert_eq!(verify(&public, ""), Err(CodeError::Malformed));
    }
}
