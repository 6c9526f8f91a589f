//! `/v1/webhooks`: endpoints that receive events, and their deliveries.

use std::sync::Arc;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use codegen::queries::webhooks as q;
use codegen::types::WebhookDeliveryStatus as DbDeliveryStatus;
use poem::web::Data;
use poem_openapi::types::{ParseFromParameter, ToJSON};
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::IntegrationsAuth;
use crate::platform::http::Page;
use crate::platform::params::Paging;
use crate::platform::problem::ApiError;
use crate::platform::random::random_bytes;

use super::Events;

/// What happened, as events and webhooks name it.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// Seats were held for a customer.
    #[oai(rename = "booking.created")]
    BookingCreated,
    /// A booking was paid.
    #[oai(rename = "booking.confirmed")]
    BookingConfirmed,
    /// A booking was cancelled (and refunded if it was paid).
    #[oai(rename = "booking.cancelled")]
    BookingCancelled,
    /// Some of a booking's seats were given back (and refunded if it was paid); their
    /// tickets are void.
    #[oai(rename = "booking.seats_released")]
    BookingSeatsReleased,
    /// A booking's hold lapsed unpaid.
    #[oai(rename = "booking.expired")]
    BookingExpired,
    /// A booking was paid, from a wallet or by card.
    #[oai(rename = "payment.completed")]
    PaymentCompleted,
    /// A payment was refunded.
    #[oai(rename = "payment.refunded")]
    PaymentRefunded,
    /// A concession order was placed.
    #[oai(rename = "order.created")]
    OrderCreated,
    /// A concession order was handed over.
    #[oai(rename = "order.confirmed")]
    OrderConfirmed,
    /// A concession order was cancelled.
    #[oai(rename = "order.cancelled")]
    OrderCancelled,
    /// A ticket was scanned at the door.
    #[oai(rename = "ticket.checked_in")]
    TicketCheckedIn,
    /// A ticket stopped being valid: its seat was given back or its booking cancelled.
    #[oai(rename = "ticket.voided")]
    TicketVoided,
    /// A scan made offline met a ticket admitted elsewhere, or void: a door let someone in
    /// that it should not have.
    #[oai(rename = "ticket.checkin_conflict")]
    TicketCheckinConflict,
    /// Freed seats were offered to a waiting list entry: a pending booking holds them for
    /// its customer until `offer_expires_at`.
    #[oai(rename = "waiting_list.offered")]
    WaitingListOffered,
}

impl EventType {
    /// The name, as events carry it (`booking.created`, …).
    fn name(self) -> String {
        match self.to_json() {
            Some(serde_json::Value::String(name)) => name,
            _ => unreachable!("an Enum is a JSON string"),
        }
    }

    /// The type a stored name stands for; `None` for a name this version does not know.
    fn from_name(name: &str) -> Option<Self> {
        Self::parse_from_parameter(name).ok()
    }
}

/// Where a delivery is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "lowercase")]
pub enum DeliveryStatus {
    /// Not delivered yet: due at `next_attempt_at`.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Given up on after the retry window; `POST …/retry` sends it again.
    Dead,
}

impl From<DbDeliveryStatus> for DeliveryStatus {
    fn from(status: DbDeliveryStatus) -> Self {
        match status {
            DbDeliveryStatus::Pending => DeliveryStatus::Pending,
            DbDeliveryStatus::Delivered => DeliveryStatus::Delivered,
            DbDeliveryStatus::Dead => DeliveryStatus::Dead,
        }
    }
}

impl From<DeliveryStatus> for DbDeliveryStatus {
    fn from(status: DeliveryStatus) -> Self {
        match status {
            DeliveryStatus::Pending => DbDeliveryStatus::Pending,
            DeliveryStatus::Delivered => DbDeliveryStatus::Delivered,
            DeliveryStatus::Dead => DbDeliveryStatus::Dead,
        }
    }
}

/// An endpoint that receives events.
#[derive(Object, Debug, Clone)]
pub struct Webhook {
    /// The webhook's id.
    pub id: i64,
    /// Where events are POSTed.
    pub url: String,
    /// The event types it receives.
    pub events: Vec<EventType>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Attempts in a row that failed (0 after a delivery).
    pub consecutive_failures: i32,
    /// Until when nothing is sent to it, after WEBHOOK_FAILURES_BEFORE_PAUSE failures in a
    /// row (a circuit breaker; RFC 3339, UTC); `null` when it is not paused. The first attempt
    /// after the pause ends it on success, or pauses it anew.
    #[oai(nullable)]
    pub paused_until: Option<DateTime<Utc>>,
}

impl From<q::Webhook> for Webhook {
    fn from(row: q::Webhook) -> Self {
        Webhook {
            id: row.id,
            url: row.url,
            // Types a later version wrote and this one does not know are left out.
            events: row
                .event_types
                .iter()
                .filter_map(|name| EventType::from_name(name))
                .collect(),
            created_at: row.created_at,
            consecutive_failures: row.consecutive_failures,
            paused_until: row.paused_until,
        }
    }
}

/// A webhook just created, with its signing secret.
#[derive(Object, Debug, Clone)]
pub struct CreatedWebhookBody {
    #[oai(flatten)]
    pub webhook: Webhook,
    /// The secret that signs its deliveries (`whsec_` and the base64 of 32 random bytes), as
    /// Standard Webhooks libraries take it. Shown only now: keep it.
    pub secret: String,
}

/// `POST /v1/webhooks`.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewWebhook {
    /// Where to POST events: an `https` URL (`http` only to loopback, when the service allows
    /// it for development) of a host on a public address, up to 2000 characters.
    #[oai(validator(min_length = 1, max_length = 2000))]
    pub url: String,
    /// The event types to receive: 1–20 of them, repeats ignored.
    #[oai(validator(min_items = 1, max_items = 20))]
    pub events: Vec<EventType>,
}

/// One event's delivery to a webhook: its attempts so far.
#[derive(Object, Debug, Clone)]
pub struct Delivery {
    /// The delivery's id (for paging and retries).
    pub id: i64,
    /// The event's id: the `webhook-id` header of every attempt.
    pub event_id: String,
    /// The event's type.
    pub event_type: String,
    pub status: DeliveryStatus,
    /// Attempts started so far.
    pub attempts: i32,
    /// When a pending delivery is next attempted (for others, when it would have been).
    pub next_attempt_at: DateTime<Utc>,
    /// When the last attempt was made; `null` before the first.
    #[oai(nullable)]
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The HTTP status the receiver last answered; `null` when it did not answer (timeout,
    /// connection refused, a refused address).
    #[oai(nullable)]
    pub last_status_code: Option<i32>,
    /// Why the last attempt failed; `null` before the first and after a success.
    #[oai(nullable)]
    pub last_error: Option<String>,
    /// When the receiver accepted it; `null` until then.
    #[oai(nullable)]
    pub delivered_at: Option<DateTime<Utc>>,
    /// When the event was fanned out to this webhook.
    pub created_at: DateTime<Utc>,
}

impl From<q::Delivery> for Delivery {
    fn from(row: q::Delivery) -> Self {
        Delivery {
            id: row.id,
            event_id: row.event_id,
            event_type: row.event_type,
            status: row.status.into(),
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            last_attempt_at: row.last_attempt_at,
            last_status_code: row.last_status_code,
            last_error: row.last_error,
            delivered_at: row.delivered_at,
            created_at: row.created_at,
        }
    }
}

#[derive(ApiResponse)]
enum CreatedWebhook {
    /// The webhook receives events from now on.
    #[oai(status = 201)]
    Created(Json<CreatedWebhookBody>),
}

#[derive(ApiResponse)]
enum DeletedWebhook {
    /// The webhook and its deliveries are gone; nothing more is sent to it.
    #[oai(status = 204)]
    NoContent,
}

#[derive(ApiResponse)]
enum RetriedDelivery {
    /// The delivery is pending again and due now, with a fresh retry window.
    #[oai(status = 202)]
    Accepted(Json<Delivery>),
}

operation_errors! {
    CreateWebhookError(JsonBody, Integrations) {
        422: "`webhook_url_refused`: not https, or it reaches a loopback, private or \
              link-local address, or its host does not resolve.",
    }
    ListWebhooksError(Query, Integrations) {}
    WebhookError(Path, Integrations) {
        404: "`webhook_not_found`.",
    }
    ListDeliveriesError(Path, Query, Integrations) {
        404: "`webhook_not_found`.",
    }
    RetryDeliveryError(Path, Integrations) {
        404: "`delivery_not_found`: no such delivery of this webhook.",
        409: "`delivery_not_dead`: only a dead delivery can be retried; others are still \
              being retried or are delivered.",
    }
}

fn webhook_not_found(id: i64) -> ApiError {
    ApiError::not_found("webhook_not_found", format!("there is no webhook {id}"))
}

/// A new signing secret: `whsec_` and the base64 of 32 random bytes (Standard Webhooks
/// recommends 24 to 64).
fn new_secret() -> String {
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(random_bytes::<32>())
    )
}

/// `/v1/webhooks`.
pub struct WebhooksApi {
    /// The context: where webhooks may send.
    pub events: Arc<Events>,
}

#[OpenApi(prefix_path = "/v1/webhooks", tag = "super::Tag::Events")]
impl WebhooksApi {
    /// Create a webhook
    ///
    /// Integrations accounts and admins. Every event of the given types written from now on is POSTed to `url` as
    /// `{id, type, created_at, data}` (an event as the feed shows it), signed as the Standard
    /// Webhooks specification says: headers `webhook-id` (the event's id; the same on every
    /// attempt, to deduplicate), `webhook-timestamp` (Unix seconds) and `webhook-signature`
    /// (`v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the secret's
    /// bytes). A 2xx answer delivers it; anything else, or no answer within the timeout, is
    /// retried with exponential backoff for about a day, after which the delivery is `dead`.
    /// The answer holds the `secret`, shown only here.
    #[oai(path = "/", method = "post", operation_id = "create_webhook")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        body: Json<NewWebhook>,
    ) -> Result<CreatedWebhook, CreateWebhookError> {
        self.events
            .webhooks
            .destinations
            .check(&body.url)
            .await
            .map_err(|reason| ApiError::unprocessable("webhook_url_refused", reason))?;
        let mut names: Vec<String> = body.events.iter().map(|t| t.name()).collect();
        names.sort();
        names.dedup();
        let secret = new_secret();
        let client = state.pool.get().await?;
        let row = q::insert_webhook()
            .bind(&client, &body.url.as_str(), &names, &secret.as_str())
            .one()
            .await?;
        Ok(CreatedWebhook::Created(Json(CreatedWebhookBody {
            webhook: row.into(),
            secret,
        })))
    }

    /// List webhooks
    ///
    /// Integrations accounts and admins. In id order; secrets are not shown.
    #[oai(path = "/", method = "get", operation_id = "list_webhooks")]
    async fn list(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        page: Paging,
    ) -> Result<Json<Page<Webhook>>, ListWebhooksError> {
        let client = state.pool.get().await?;
        let rows = q::list_webhooks()
            .bind(&client, &page.after(), &page.fetch_limit())
            .all()
            .await?;
        Ok(Json(page.page(rows, |w| w.id, Webhook::from)))
    }

    /// Get a webhook
    ///
    /// Integrations accounts and admins. Its secret is not shown.
    #[oai(path = "/:id", method = "get", operation_id = "get_webhook")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        /// The webhook's id.
        id: Path<i64>,
    ) -> Result<Json<Webhook>, WebhookError> {
        let client = state.pool.get().await?;
        let row = q::get_webhook()
            .bind(&client, &id.0)
            .opt()
            .await?
            .ok_or_else(|| webhook_not_found(id.0))?;
        Ok(Json(row.into()))
    }

    /// Delete a webhook
    ///
    /// Integrations accounts and admins. Its pending deliveries are dropped; an attempt already under way may
    /// still arrive.
    #[oai(path = "/:id", method = "delete", operation_id = "delete_webhook")]
    async fn delete(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        /// The webhook's id.
        id: Path<i64>,
    ) -> Result<DeletedWebhook, WebhookError> {
        let client = state.pool.get().await?;
        match q::delete_webhook().bind(&client, &id.0).await? {
            0 => Err(webhook_not_found(id.0).into()),
            _ => Ok(DeletedWebhook::NoContent),
        }
    }

    /// List a webhook's deliveries
    ///
    /// Integrations accounts and admins. One per event sent to it, oldest first, with its last attempt.
    #[oai(
        path = "/:id/deliveries",
        method = "get",
        operation_id = "list_webhook_deliveries"
    )]
    async fn deliveries(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        /// The webhook's id.
        id: Path<i64>,
        /// Only deliveries in this status.
        status: Query<Option<DeliveryStatus>>,
        /// Start after this delivery id: the previous page's `next_after`.
        page: Paging,
    ) -> Result<Json<Page<Delivery>>, ListDeliveriesError> {
        let client = state.pool.get().await?;
        if q::get_webhook().bind(&client, &id.0).opt().await?.is_none() {
            return Err(webhook_not_found(id.0).into());
        }
        let rows = q::list_deliveries()
            .bind(
                &client,
                &id.0,
                &page.after(),
                &status.0.map(DbDeliveryStatus::from),
                &page.fetch_limit(),
            )
            .all()
            .await?;
        Ok(Json(page.page(rows, |d| d.id, Delivery::from)))
    }

    /// Retry a dead delivery
    ///
    /// Integrations accounts and admins. Makes a `dead` delivery pending and due now, with a new retry window; the
    /// workers send it within their poll interval.
    #[oai(
        path = "/:id/deliveries/:delivery_id/retry",
        method = "post",
        operation_id = "retry_webhook_delivery"
    )]
    async fn retry(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: IntegrationsAuth,
        /// The webhook's id.
        id: Path<i64>,
        /// The delivery's id.
        delivery_id: Path<i64>,
    ) -> Result<RetriedDelivery, RetryDeliveryError> {
        let client = state.pool.get().await?;
        if let Some(row) = q::retry_dead_delivery()
            .bind(&client, &delivery_id.0, &id.0)
            .opt()
            .await?
        {
            return Ok(RetriedDelivery::Accepted(Json(row.into())));
        }
        // Not retried: say why. (Reading after the failed update is only for the message; the
        // update alone decided.)
        let status = q::delivery_status()
            .bind(&client, &delivery_id.0, &id.0)
            .opt()
            .await?;
        Err(match status {
            None => ApiError::not_found(
                "delivery_not_found",
                format!("webhook {} has no delivery {}", id.0, delivery_id.0),
            ),
            Some(status) => ApiError::conflict(
                "delivery_not_dead",
                format!(
                    "delivery {} is {}; only a dead delivery can be retried",
                    delivery_id.0,
                    match DeliveryStatus::from(status) {
                        DeliveryStatus::Pending => "pending",
                        DeliveryStatus::Delivered => "delivered",
                        DeliveryStatus::Dead => "dead",
                    }
                ),
            ),
        }
        .into())
    }
}
