//! Tickets: one per seat of a paid booking, issued in the payment's transaction, each with a
//! signed code ([`ticket_codes`](super::ticket_codes)) that its QR code carries. A seat given
//! back voids its ticket; check-in ([`checkins`](super::checkins)) admits a ticket once.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::tickets as q;
use deadpool_postgres::Transaction;
use ed25519_dalek::SigningKey;
use poem::web::Data;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use crate::catalog::screenings::TicketType;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::BearerAuth;
use crate::platform::http::Svg;
use crate::platform::problem::ApiError;

use super::ticket_codes::{self, SigningKeys, TicketClaims};
use super::{Ticketing, booking_not_found};

/// A ticket: admits one person to one seat of one screening, once.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The ticket's id.
    pub id: i64,
    /// The booking it was issued for.
    pub booking_id: i64,
    /// The screening it admits to.
    pub screening_id: i64,
    /// The seat, e.g. `F12`.
    pub seat_label: String,
    pub ticket_type: TicketType,
    /// What the QR code carries: base64url of the version byte, ticket id, screening id and
    /// seat label, signed with Ed25519 (the README describes the bytes). Verify it with the
    /// key at `GET /v1/tickets/signing-key`.
    pub code: String,
    /// When it was admitted; null until then.
    #[oai(nullable)]
    pub checked_in_at: Option<DateTime<Utc>>,
    /// When its seat was given back (the ticket never admits after); null while it is valid.
    #[oai(nullable)]
    pub voided_at: Option<DateTime<Utc>>,
}

impl Ticket {
    /// A stored ticket with its code, signed with the current key of `keys`.
    pub fn signed(row: q::Ticket, keys: &SigningKeys) -> Self {
        let claims = TicketClaims {
            ticket_id: row.id,
            screening_id: row.screening_id,
            seat_label: row.seat_label,
        };
        Ticket {
            id: row.id,
            booking_id: row.booking_id,
            code: keys.sign(&claims),
            screening_id: claims.screening_id,
            seat_label: claims.seat_label,
            ticket_type: row.ticket_type.into(),
            checked_in_at: row.checked_in_at,
            voided_at: row.voided_at,
        }
    }
}

/// The public key that verifies ticket codes, as a JSON Web Key (RFC 8037 §2).
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct TicketSigningKey {
    /// Key type: always `OKP` (an octet key pair).
    pub kty: String,
    /// Curve: always `Ed25519`.
    pub crv: String,
    /// The 32-byte public key, base64url without padding.
    pub x: String,
    /// Key id: the key's RFC 7638 thumbprint (SHA-256), base64url.
    pub kid: String,
    /// Algorithm: always `EdDSA` (RFC 8037 §3.1).
    pub alg: String,
    /// Use: always `sig`.
    #[oai(rename = "use")]
    pub use_: String,
}

/// The keys that verify ticket codes, as a JSON Web Key Set (RFC 7517 §5): the key that
/// signs new codes first, then those whose codes are still honoured.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct TicketSigningKeys {
    pub keys: Vec<TicketSigningKey>,
}

impl TicketSigningKeys {
    /// The set of `keys`' public halves, in their order.
    pub fn of(keys: &SigningKeys) -> Self {
        TicketSigningKeys {
            keys: keys.all().map(TicketSigningKey::of).collect(),
        }
    }
}

/// Issues the tickets of a booking just confirmed, in the payment's transaction: one per seat
/// it has.
pub async fn issue_tickets(tx: &Transaction<'_>, booking_id: i64) -> Result<u64, ApiError> {
    Ok(q::issue_tickets().bind(tx, &booking_id).await?)
}

/// 404 for a ticket that does not exist or is another user's.
pub fn ticket_not_found(id: i64) -> ApiError {
    ApiError::not_found("ticket_not_found", format!("you have no ticket {id}"))
}

#[derive(ApiResponse)]
enum TicketPicture {
    /// The ticket's code as a QR code (SVG).
    #[oai(status = 200)]
    Ok(Svg),
}

operation_errors! {
    ListTicketsError(Path, Bearer) {
        404: "`booking_not_found`: no such booking of the caller's.",
    }
    DrawTicketError(Path, Bearer) {
        404: "`ticket_not_found`: no such ticket of the caller's.",
        409: "`ticket_void`: its seat was given back; it admits no one.",
    }
    SigningKeyError() {}
}

/// `/v1/bookings/{id}/tickets` and `/v1/tickets`.
pub struct TicketsApi {
    /// The context: the key that signs ticket codes.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(tag = "super::Tag::Tickets")]
impl TicketsApi {
    /// List a booking's tickets
    ///
    /// One ticket per seat, in seat order, once the booking is paid (a pending booking has
    /// none yet). Tickets of seats given back are listed void.
    #[oai(
        path = "/v1/bookings/:id/tickets",
        method = "get",
        operation_id = "list_booking_tickets"
    )]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The booking's id.
        id: Path<i64>,
    ) -> Result<Json<Vec<Ticket>>, ListTicketsError> {
        let client = state.pool.get().await?;
        let owned = q::owns_booking()
            .bind(&client, &id.0, &auth.0.user_id)
            .one()
            .await?;
        if !owned {
            return Err(booking_not_found(id.0).into());
        }
        let rows = q::booking_tickets().bind(&client, &id.0).all().await?;
        Ok(Json(
            rows.into_iter()
                .map(|row| Ticket::signed(row, &self.ticketing.signing_keys))
                .collect(),
        ))
    }

    /// Draw a ticket's QR code
    ///
    /// The ticket's `code` as a QR code (SVG), to show at the door.
    #[oai(
        path = "/v1/tickets/:id/qr.svg",
        method = "get",
        operation_id = "draw_ticket"
    )]
    async fn draw(
        &self,
        state: Data<&Arc<AppState>>,
        auth: BearerAuth,
        /// The ticket's id.
        id: Path<i64>,
    ) -> Result<TicketPicture, DrawTicketError> {
        let client = state.pool.get().await?;
        let row = q::owned_ticket()
            .bind(&client, &id.0, &auth.0.user_id)
            .opt()
            .await?
            .ok_or_else(|| ticket_not_found(id.0))?;
        if row.voided_at.is_some() {
            return Err(ticket_void(id.0).into());
        }
        let ticket = Ticket::signed(row, &self.ticketing.signing_keys);
        Ok(TicketPicture::Ok(Svg(ticket_codes::qr_svg(&ticket.code))))
    }

    /// Get the key that signs new ticket codes
    ///
    /// The Ed25519 public key that signs codes now, as a JSON Web Key. Scanners should use
    /// `GET /v1/tickets/signing-keys`, which also has the keys whose codes are still
    /// honoured during a rotation.
    #[oai(
        path = "/v1/tickets/signing-key",
        method = "get",
        operation_id = "get_ticket_signing_key"
    )]
    async fn signing_key(
        &self,
        _state: Data<&Arc<AppState>>,
    ) -> Result<Json<TicketSigningKey>, SigningKeyError> {
        Ok(Json(TicketSigningKey::of(
            self.ticketing.signing_keys.current(),
        )))
    }

    /// Get the keys that verify ticket codes
    ///
    /// Every Ed25519 public key whose codes the service honours, as a JSON Web Key Set
    /// (RFC 7517 §5), the key that signs new codes first: for scanners that verify codes
    /// offline. A code names its key by the first four characters of the key's `kid` (README,
    /// "Ticket codes"). The set changes when the operator rotates `TICKET_SIGNING_KEYS`.
    #[oai(
        path = "/v1/tickets/signing-keys",
        method = "get",
        operation_id = "list_ticket_signing_keys"
    )]
    async fn signing_keys(
        &self,
        _state: Data<&Arc<AppState>>,
    ) -> Result<Json<TicketSigningKeys>, SigningKeyError> {
        Ok(Json(TicketSigningKeys::of(&self.ticketing.signing_keys)))
    }
}

impl TicketSigningKey {
    /// The JSON Web Key of the public half of `key`.
    pub fn of(key: &SigningKey) -> Self {
        let (x, kid) = ticket_codes::public_jwk(&key.verifying_key());
        TicketSigningKey {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x,
            kid,
            alg: "EdDSA".into(),
            use_: "sig".into(),
        }
    }
}

/// 409: the ticket's seat was given back.
pub fn ticket_void(id: i64) -> ApiError {
    ApiError::conflict(
        "ticket_void",
        format!("ticket {id} is void: its seat was given back"),
    )
}
