//! Vouchers: promotion codes for a share or an amount off the seats they cover.
//!
//! An admin makes them (`/v1/vouchers`); a customer gives one as `voucher_code` when booking.
//! The booking's transaction counts the use in one statement on the voucher's row
//! (`claim_voucher_use`: `uses < max_uses`, and a CHECK besides), so concurrent bookings
//! never pass `max_uses`; a customer's own uses are counted while the customer's row is
//! locked, so their concurrent bookings never pass `max_uses_per_user`. A booking that lapses
//! or is cancelled gives its use back (a trigger, migration 000034). Each covered seat gets
//! its discount (never more than its price); the booking's amount is what is paid, and a
//! seat given back refunds what was paid for it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::client::Params as _;
use codegen::queries::vouchers as q;
use codegen::types::TicketType as DbTicketType;
use deadpool_postgres::Transaction;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::catalog::screenings::TicketType;
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::AdminAuth;
use crate::platform::currency::Currency;
use crate::platform::db::{Workflow, in_transaction};
use crate::platform::http::Page;
use crate::platform::params::Paging;
use crate::platform::problem::ApiError;
use crate::platform::random::random_bytes;

use super::{Ticketing, reserved_seats};

/// The letters and digits of generated codes: no `0`/`O`, no `1`/`I`/`L`, which are misread
/// from paper or a screen.
const CODE_ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A generated code's length: 12 characters, about 59 bits.
const CODE_LENGTH: usize = 12;

/// A new code of [`CODE_LENGTH`] characters of [`CODE_ALPHABET`], each equally likely.
pub fn generate_code() -> String {
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        for byte in random_bytes::<16>() {
            // 248 = 8 × 31: bytes from it on would favour the first characters.
            if byte < 248 && code.len() < CODE_LENGTH {
                code.push(char::from(CODE_ALPHABET[usize::from(byte) % 31]));
            }
        }
    }
    code
}

/// A voucher as an admin sees it.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    /// The voucher's id.
    pub id: i64,
    /// What customers type, in any case.
    pub code: String,
    /// Percent off each covered seat (1–100); null for an amount off.
    #[oai(nullable)]
    pub percent_off: Option<i32>,
    /// Minor units off each covered seat (never more than its price); null for a percent.
    #[oai(nullable)]
    pub amount_off: Option<i64>,
    /// The currency of `amount_off`; the voucher applies only to screenings in it.
    #[oai(nullable)]
    pub currency: Option<String>,
    /// The ticket types it covers; null: all.
    #[oai(nullable)]
    pub ticket_types: Option<Vec<TicketType>>,
    /// Only this movie's screenings; null: any.
    #[oai(nullable)]
    pub movie_id: Option<i64>,
    /// Only this screening; null: any.
    #[oai(nullable)]
    pub screening_id: Option<i64>,
    /// Usable from then (RFC 3339); null: now.
    #[oai(nullable)]
    pub valid_from: Option<DateTime<Utc>>,
    /// Usable until then, exclusive; null: ever.
    #[oai(nullable)]
    pub valid_until: Option<DateTime<Utc>>,
    /// Bookings that may hold a use at once.
    pub max_uses: i32,
    /// Of those, one customer's; null: no limit but `max_uses`.
    #[oai(nullable)]
    pub max_uses_per_user: Option<i32>,
    /// Seats of `screening_id` kept off sale for its holders until they book them or it is
    /// disabled; null: none.
    #[oai(nullable)]
    pub reserved_seats: Option<i32>,
    /// Bookings that hold a use now (pending or confirmed).
    pub uses: i32,
    /// When it was disabled; null while it is usable.
    #[oai(nullable)]
    pub disabled_at: Option<DateTime<Utc>>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

impl From<q::Voucher> for Voucher {
    fn from(row: q::Voucher) -> Self {
        Voucher {
            id: row.id,
            code: row.code,
            percent_off: row.percent_off,
            amount_off: row.amount_off,
            currency: row.currency,
            ticket_types: row
                .ticket_types
                .map(|types| types.into_iter().map(TicketType::from).collect()),
            movie_id: row.movie_id,
            screening_id: row.screening_id,
            valid_from: row.valid_from,
            valid_until: row.valid_until,
            max_uses: row.max_uses,
            max_uses_per_user: row.max_uses_per_user,
            reserved_seats: row.reserved_seats,
            uses: row.uses,
            disabled_at: row.disabled_at,
            created_at: row.created_at,
        }
    }
}

/// `POST /v1/vouchers` body: exactly one of `percent_off` and `amount_off` (with `currency`).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewVoucher {
    /// 4–32 letters, digits or dashes, unique in any case; generated when absent (12
    /// characters without look-alikes such as `0`/`O`).
    #[oai(validator(pattern = "^[A-Za-z0-9-]{4,32}$"))]
    #[oai(nullable, skip_serializing_if_is_none)]
    pub code: Option<String>,
    /// Percent off each covered seat, 1–100.
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    #[oai(nullable, skip_serializing_if_is_none)]
    pub percent_off: Option<i32>,
    /// Minor units of `currency` off each covered seat, at least 1.
    #[oai(validator(minimum(value = "1")))]
    #[oai(nullable, skip_serializing_if_is_none)]
    pub amount_off: Option<i64>,
    // With `amount_off`: its currency. (Neither a doc comment nor `nullable`: an enum's field
    // with either becomes an `allOf`, which SDK generators refuse; so `null` is refused.)
    pub currency: MaybeUndefined<Currency>,
    /// The ticket types it covers (all when absent).
    #[oai(validator(min_items = 1, max_items = 4, unique_items))]
    #[oai(nullable, skip_serializing_if_is_none)]
    pub ticket_types: Option<Vec<TicketType>>,
    /// Only this movie's screenings.
    #[oai(nullable, skip_serializing_if_is_none)]
    pub movie_id: Option<i64>,
    /// Only this screening.
    #[oai(nullable, skip_serializing_if_is_none)]
    pub screening_id: Option<i64>,
    /// Usable from then.
    #[oai(nullable, skip_serializing_if_is_none)]
    pub valid_from: Option<DateTime<Utc>>,
    /// Usable until then, exclusive; after `valid_from`.
    #[oai(nullable, skip_serializing_if_is_none)]
    pub valid_until: Option<DateTime<Utc>>,
    /// Bookings that may hold a use at once, 1–1,000,000.
    #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))]
    pub max_uses: i32,
    /// Of those, one customer's, 1–1,000,000.
    #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))]
    #[oai(nullable, skip_serializing_if_is_none)]
    pub max_uses_per_user: Option<i32>,
    /// With `screening_id`: keep this many of its seats (1–1,000, standard seats, side by
    /// side where they can be) off sale for the voucher's holders, until they book them or
    /// the voucher is disabled.
    #[oai(validator(minimum(value = "1"), maximum(value = "1000")))]
    #[oai(nullable, skip_serializing_if_is_none)]
    pub reserved_seats: Option<i32>,
}

impl poem_openapi::types::Example for NewVoucher {
    fn example() -> Self {
        NewVoucher {
            code: Some("SCHOOL-TRIP".into()),
            percent_off: Some(25),
            amount_off: None,
            currency: MaybeUndefined::Undefined,
            ticket_types: Some(vec![TicketType::Child]),
            movie_id: None,
            screening_id: None,
            valid_from: None,
            valid_until: None,
            max_uses: 30,
            max_uses_per_user: None,
            reserved_seats: None,
        }
    }
}

#[derive(ApiResponse)]
enum CreatedVoucher {
    /// The voucher exists.
    #[oai(status = 201)]
    Created(Json<Voucher>),
}

operation_errors! {
    CreateVoucherError(JsonBody, Admin) {
        400: "`invalid_request`: the body is malformed, it gives both or neither of \
              `percent_off` and `amount_off`, `amount_off` without `currency` (or `currency` \
              without it), `valid_until` not after `valid_from`, or `reserved_seats` \
              without `screening_id`.",
        409: "`voucher_code_taken` (a voucher has that code, in some case), or \
              `not_enough_seats` (fewer standard seats are free than `reserved_seats`).",
        422: "`movie_not_found` or `screening_not_found`: `movie_id` or `screening_id` names \
              nothing.",
    }
    ListVouchersError(Query, Admin) {}
    VoucherError(Path, Admin) {
        404: "`voucher_not_found`.",
    }
}

/// 404 `voucher_not_found`.
fn voucher_not_found(id: i64) -> ApiError {
    ApiError::not_found("voucher_not_found", format!("there is no voucher {id}"))
}

/// `/v1/vouchers`.
pub struct VouchersApi {
    /// The context: how long seats given back are offered to a waiting list.
    pub ticketing: Arc<Ticketing>,
}

#[OpenApi(prefix_path = "/v1/vouchers", tag = "super::Tag::Bookings")]
impl VouchersApi {
    /// Make a voucher
    ///
    /// Admin only. A promotion code for a percent or an amount off each seat it covers
    /// (limited to ticket types, a movie or a screening, and dates), for `max_uses`
    /// bookings at once (`max_uses_per_user` of one customer's). Customers give it as
    /// `voucher_code` when booking. With `reserved_seats` (and `screening_id`), that many
    /// seats of the screening are kept for its holders: off the public sale and seat map,
    /// bookable with the code.
    #[oai(path = "/", method = "post", operation_id = "create_voucher")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        body: Json<NewVoucher>,
    ) -> Result<CreatedVoucher, CreateVoucherError> {
        let body = body.0;
        let invalid = |detail: &str| ApiError::bad_request("invalid_request", detail.to_owned());
        if body.percent_off.is_some() == body.amount_off.is_some() {
            return Err(invalid("give exactly one of `percent_off` and `amount_off`").into());
        }
        let currency = match body.currency {
            MaybeUndefined::Value(currency) => Some(currency),
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => return Err(invalid("`currency` cannot be null").into()),
        };
        if body.amount_off.is_some() != currency.is_some() {
            return Err(invalid("`currency` goes with `amount_off`, and only with it").into());
        }
        if let (Some(from), Some(until)) = (body.valid_from, body.valid_until)
            && until <= from
        {
            return Err(invalid("`valid_until` must be after `valid_from`").into());
        }
        if body.reserved_seats.is_some() && body.screening_id.is_none() {
            return Err(invalid("`reserved_seats` goes with `screening_id`").into());
        }
        let code = body.code.unwrap_or_else(generate_code);
        let ticket_types: Option<Vec<DbTicketType>> = body
            .ticket_types
            .map(|types| types.into_iter().map(DbTicketType::from).collect());
        let create = CreateVoucher {
            code,
            percent_off: body.percent_off,
            amount_off: body.amount_off,
            currency: currency.map(Currency::code),
            ticket_types,
            movie_id: body.movie_id,
            screening_id: body.screening_id,
            valid_from: body.valid_from,
            valid_until: body.valid_until,
            max_uses: body.max_uses,
            max_uses_per_user: body.max_uses_per_user,
            reserved_seats: body.reserved_seats,
        };
        let voucher = in_transaction(&state.pool, &create).await?;
        Ok(CreatedVoucher::Created(Json(voucher.into())))
    }

    /// List vouchers
    ///
    /// Admin only. In id order, with their uses now.
    #[oai(path = "/", method = "get", operation_id = "list_vouchers")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        page: Paging,
    ) -> Result<Json<Page<Voucher>>, ListVouchersError> {
        let client = state.pool.get().await?;
        let rows = q::list_vouchers()
            .bind(&client, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |v| v.id, Voucher::from)))
    }

    /// Get a voucher
    ///
    /// Admin only, with its uses now.
    #[oai(path = "/:id", method = "get", operation_id = "get_voucher")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The voucher's id.
        id: Path<i64>,
    ) -> Result<Json<Voucher>, VoucherError> {
        let client = state.pool.get().await?;
        let voucher = q::get_voucher()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| voucher_not_found(id.0))?;
        Ok(Json(voucher.into()))
    }

    /// Disable a voucher
    ///
    /// Admin only. It takes no more bookings (422 `voucher_invalid`); bookings made with it
    /// keep their discounts. Seats it kept that no booking holds go back on sale (offered to
    /// the screening's waiting list first). Answers the voucher, disabled.
    #[oai(path = "/:id", method = "delete", operation_id = "disable_voucher")]
    async fn disable(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The voucher's id.
        id: Path<i64>,
    ) -> Result<Json<Voucher>, VoucherError> {
        let disable = DisableVoucher {
            id: id.0,
            offer_seconds: self.ticketing.settings.waiting_list_offer.as_secs_f64(),
        };
        let voucher = in_transaction(&state.pool, &disable).await?;
        Ok(Json(voucher.into()))
    }
}

/// Makes a voucher and keeps its reserved seats, in one transaction.
///
/// Errors: 409 `voucher_code_taken`, `not_enough_seats`; 422 `movie_not_found`,
/// `screening_not_found`.
struct CreateVoucher {
    code: String,
    percent_off: Option<i32>,
    amount_off: Option<i64>,
    currency: Option<&'static str>,
    ticket_types: Option<Vec<DbTicketType>>,
    movie_id: Option<i64>,
    screening_id: Option<i64>,
    valid_from: Option<DateTime<Utc>>,
    valid_until: Option<DateTime<Utc>>,
    max_uses: i32,
    max_uses_per_user: Option<i32>,
    reserved_seats: Option<i32>,
}

impl Workflow for CreateVoucher {
    type Output = q::Voucher;

    async fn run(&self, tx: &Transaction<'_>) -> Result<q::Voucher, ApiError> {
        let voucher = q::insert_voucher()
            .params(
                tx,
                &q::InsertVoucherParams {
                    code: self.code.as_str(),
                    percent_off: self.percent_off,
                    amount_off: self.amount_off,
                    currency: self.currency,
                    ticket_types: self.ticket_types.as_ref(),
                    movie_id: self.movie_id,
                    screening_id: self.screening_id,
                    valid_from: self.valid_from,
                    valid_until: self.valid_until,
                    max_uses: self.max_uses,
                    max_uses_per_user: self.max_uses_per_user,
                    reserved_seats: self.reserved_seats,
                },
            )
            .one()
            .await?;
        if let (Some(seats), Some(screening_id)) = (self.reserved_seats, self.screening_id) {
            reserved_seats::reserve(tx, voucher.id, screening_id, seats).await?;
        }
        Ok(voucher)
    }
}

/// Disables a voucher and gives back the seats it kept.
///
/// Errors: 404 `voucher_not_found`.
struct DisableVoucher {
    id: i64,
    offer_seconds: f64,
}

impl Workflow for DisableVoucher {
    type Output = q::Voucher;

    async fn run(&self, tx: &Transaction<'_>) -> Result<q::Voucher, ApiError> {
        let voucher = q::disable_voucher()
            .bind(tx, &self.id)
            .opt()
            .await?
            .ok_or_else(|| voucher_not_found(self.id))?;
        if let (Some(_), Some(screening_id)) = (voucher.reserved_seats, voucher.screening_id) {
            reserved_seats::release(tx, voucher.id, screening_id, self.offer_seconds).await?;
        }
        Ok(voucher)
    }
}

/// A voucher a booking uses, as its seats are priced.
#[derive(Debug, Clone)]
pub struct Discount {
    /// The voucher.
    pub voucher_id: i64,
    /// Whether it keeps seats of the booking's screening for its holders.
    pub reserves: bool,
    percent_off: Option<i32>,
    amount_off: Option<i64>,
    ticket_types: Option<Vec<DbTicketType>>,
}

impl Discount {
    /// What comes off a seat of `ticket_type` priced `amount` (minor units): the percent,
    /// rounded half up, or the amount, never more than the price; 0 for a type not covered.
    pub fn of(&self, ticket_type: DbTicketType, amount: i64) -> i64 {
        if !self.covers(ticket_type) {
            return 0;
        }
        match (self.percent_off, self.amount_off) {
            (Some(percent), _) => (amount * i64::from(percent) + 50) / 100,
            (None, Some(off)) => off.min(amount),
            (None, None) => 0,
        }
    }

    fn covers(&self, ticket_type: DbTicketType) -> bool {
        self.ticket_types
            .as_ref()
            .is_none_or(|types| types.contains(&ticket_type))
    }
}

/// The voucher `code` for a booking of `user_id` (locked by the caller) of seats of
/// `ticket_types` at `screening_id`, if the booking may use it: read only, so that a booking
/// refused for its seats writes nothing; [`claim_use`] counts the use.
///
/// Errors: 422 `voucher_invalid` (unknown or disabled); 409 `voucher_not_applicable` (outside
/// its dates, for another screening, movie, currency, or none of the ticket types);
/// 409 `voucher_used_up` (this customer's uses are taken).
pub async fn find(
    tx: &Transaction<'_>,
    code: &str,
    screening_id: i64,
    user_id: i64,
    ticket_types: &[DbTicketType],
) -> Result<Discount, ApiError> {
    let invalid = || {
        ApiError::unprocessable(
            "voucher_invalid",
            "no voucher has that code, or it was disabled",
        )
    };
    let voucher = q::voucher_for_booking()
        .bind(tx, &code, &screening_id)
        .opt()
        .await?
        .ok_or_else(invalid)?;
    if !voucher.usable {
        return Err(invalid());
    }
    let discount = Discount {
        voucher_id: voucher.id,
        reserves: voucher.reserves,
        percent_off: voucher.percent_off,
        amount_off: voucher.amount_off,
        ticket_types: voucher.ticket_types,
    };
    if !voucher.applies || !ticket_types.iter().any(|&t| discount.covers(t)) {
        return Err(ApiError::conflict(
            "voucher_not_applicable",
            format!(
                "the voucher does not apply to these seats of screening {screening_id} now \
                 (its dates, screening, movie, currency or ticket types)"
            ),
        ));
    }
    if let Some(per_user) = voucher.max_uses_per_user {
        let mine = q::customer_voucher_uses()
            .bind(tx, &voucher.id, &user_id)
            .one()
            .await?;
        if mine >= per_user {
            return Err(used_up());
        }
    }
    Ok(discount)
}

fn used_up() -> ApiError {
    ApiError::conflict(
        "voucher_used_up",
        "the voucher has no use left (in all, or for you)",
    )
}

/// Counts a use of the voucher of `discount` in the booking's transaction: one statement on
/// its row, which concurrent bookings with it wait on, and none passes `max_uses`.
///
/// Errors: 409 `voucher_used_up` (none left, or disabled meanwhile).
pub async fn claim_use(tx: &Transaction<'_>, discount: &Discount) -> Result<(), ApiError> {
    q::claim_voucher_use()
        .bind(tx, &discount.voucher_id)
        .opt()
        .await?
        .ok_or_else(used_up)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_code_has_twelve_characters_without_look_alikes() {
        for _ in 0..100 {
            let code = generate_code();
            assert_eq!(code.len(), 12);
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_alphanumeric() && !"01OIL".contains(c)),
                "{code}"
            );
        }
        assert_ne!(generate_code(), generate_code());
    }

    #[test]
    fn a_discount_is_rounded_half_up_and_never_more_than_the_price() {
        let percent = |p, types| Discount {
            voucher_id: 1,
            reserves: false,
            percent_off: Some(p),
            amount_off: None,
            ticket_types: types,
        };
        assert_eq!(
            percent(15, None).of(DbTicketType::Adult, 1250),
            188,
            "187.5 → 188"
        );
        assert_eq!(percent(100, None).of(DbTicketType::Child, 800), 800);
        let adults = percent(50, Some(vec![DbTicketType::Adult]));
        assert_eq!(adults.of(DbTicketType::Child, 800), 0, "not covered");
        let amount = Discount {
            voucher_id: 1,
            reserves: false,
            percent_off: None,
            amount_off: Some(1000),
            ticket_types: None,
        };
        assert_eq!(amount.of(DbTicketType::Adult, 1250), 1000);
        assert_eq!(amount.of(DbTicketType::Child, 800), 800, "never below 0");
    }
}
