//! `GET /v1/events`: the outbox as a feed, oldest first, keyset-paginated.
//!
//! Positions are taken when an event is written but become visible when its transaction
//! commits, which is not the same order; a feed paged by position alone would skip an event
//! whose transaction commits after a later one was read. So the feed pages by (transaction
//! id, position) and shows only the events of transactions older than every transaction still
//! running: once shown, nothing can appear before them. The price: a long transaction holds the
//! feed back until it ends.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use codegen::queries::events as q;
use poem::web::Data;
use poem_openapi::{Object, OpenApi, param::Query, payload::Json};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::IntegrationsAuth;
use crate::platform::http::{PageSize, keyset_page};
use crate::platform::problem::ApiError;

/// Something that happened.
#[derive(Object, Debug, Clone, PartialEq)]
pub struct Event {
    /// The event's id (a UUID): the same event delivered twice has the same id.
    pub id: String,
    /// Its place in the feed: `?after=` this reads what follows it. Keep the last one you
    /// processed to follow the feed.
    pub cursor: String,
    /// What happened: `booking.created`, `booking.confirmed`, `booking.cancelled`,
    /// `booking.expired`, `booking.seats_released`, `payment.completed`, `payment.refunded`,
    /// `order.created`, `order.confirmed`, `order.cancelled`, `ticket.checked_in`,
    /// `ticket.voided` or `ticket.checkin_conflict`.
    #[oai(rename = "type")]
    pub type_: String,
    /// What it happened to: `booking`, `payment` (a wallet payment), `card_payment`, `order`
    /// or `ticket`.
    pub aggregate_type: String,
    /// The id of what it happened to.
    pub aggregate_id: String,
    /// When it happened.
    pub created_at: DateTime<Utc>,
    /// The thing as it was just after: for a booking `{id, user_id, screening_id, seats,
    /// amount, currency, status, expires_at}` (for `booking.seats_released` `{id,
    /// seat_labels, released_amount, refunded_amount, seats, amount, currency, status}`: the
    /// seats given back, what they cost and what was refunded, and the booking as it now
    /// is); for a payment `{id, booking_id, account_id, transfer_id, amount, currency}` (a
    /// refund's amount and transfer for `payment.refunded`; a card payment has `method:
    /// "card"`, `provider_payment_id` instead of `account_id`, and for a refund `refund_id`
    /// and `reason`); for an order `{id, user_id, sku, quantity, unit_price, currency,
    /// status}`; for a ticket `{id, booking_id, screening_id, seat_label, checked_in_at,
    /// checked_in_by}` (`{id, booking_id, screening_id, seat_label, voided_at}` for
    /// `ticket.voided`; for `ticket.checkin_conflict` the offline scan that met a ticket
    /// admitted elsewhere or void: `{id, screening_id, scanner_id, nonce, scanned_at,
    /// outcome, checked_in_at, staff_id}`). Amounts in minor units.
    pub data: serde_json::Value,
}

/// One page of the feed.
#[derive(Object, Debug)]
pub struct EventPage {
    /// The events, oldest first.
    pub items: Vec<Event>,
    /// Pass as `?after=` to get the next page; `null` when the feed has nothing more now (ask
    /// again later after the last event's `cursor`).
    #[oai(nullable)]
    pub next_after: Option<String>,
}

/// Where a page of the feed starts: `<transaction id>-<position>` of the event before it.
fn parse_cursor(cursor: &str) -> Option<(i64, i64)> {
    let (txid, position) = cursor.split_once('-')?;
    Some((txid.parse().ok()?, position.parse().ok()?))
}

fn cursor(event: &q::FeedEvent) -> String {
    format!("{}-{}", event.txid, event.position)
}

operation_errors! {
    EventFeedError(Query, Integrations) {}
}

/// `/v1/events`.
#[derive(Default)]
pub struct EventsApi;

#[OpenApi(prefix_path = "/v1/events", tag = "super::Tag::Events")]
impl EventsApi {
    /// Read the event feed
    ///
    /// Integrations accounts and admins. Every event, oldest first, a page at a time. To
    /// follow the feed, keep the `cursor` of the last event processed and ask again after it:
    /// nothing that appears later sorts before it.
    #[oai(path = "/", method = "get", operation_id = "list_events")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        /// Page size, 1–100.
        limit: Query<PageSize>,
        /// Start after this cursor (`<transaction>-<position>`): the previous page's
        /// `next_after`.
        #[oai(validator(pattern = r"^[0-9]{1,19}-[0-9]{1,19}$"))]
        after: Query<Option<String>>,
    ) -> Result<Json<EventPage>, EventFeedError> {
        let (after_txid, after_position) = match after.0.as_deref() {
            None => (0, 0),
            Some(text) => parse_cursor(text).ok_or_else(|| {
                ApiError::bad_request("invalid_request", "`after` is not a cursor of this feed")
            })?,
        };
        let size = limit.0.get();
        let client = state.pool.get().await?;
        let mut rows = q::event_feed()
            .bind(&client, &after_txid, &after_position, &(size + 1))
            .all()
            .await?;
        let next_after = keyset_page(&mut rows, size, cursor);
        Ok(Json(EventPage {
            items: rows
                .into_iter()
                .map(|row| Event {
                    cursor: cursor(&row),
                    id: row.id,
                    type_: row.r#type,
                    aggregate_type: row.aggregatetype,
                    aggregate_id: row.aggregateid,
                    created_at: row.created_at,
                    data: row.payload,
                })
                .collect(),
            next_after,
        }))
    }
}
