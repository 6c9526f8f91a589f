//! Ticketing: seat maps and the booking's whole life cycle.
//!
//! A booking holds seats of a screening, chosen by the customer on the seat map
//! ([`seat_maps`], checked by [`seat_selection`]) or best available, (`pending`) until it is
//! paid (`confirmed`), cancelled (`cancelled`, refunded if it was paid) or its hold lapses
//! (`expired`). In the order of that life: [`bookings`] holds and cancels, [`holds`] expires
//! the holds that lapse, [`payments`] pays and refunds and issues the [`tickets`], one per
//! seat, whose signed codes ([`ticket_codes`]) staff scan at the door ([`checkins`]). Every
//! write to a booking's status is a statement of `queries/bookings.sql`.

use std::sync::Arc;
use std::time::Duration;

use poem::http::StatusCode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::platform::db_errors::ConstraintProblem;
use crate::platform::problem::{ApiError, Problem};
use crate::platform::ratelimit::KeyedLimit;
use crate::platform::telemetry::OutcomeCounter;

pub mod best_available;
pub mod bookings;
pub mod card_outcomes;
pub mod card_payments;
pub mod card_records;
pub mod card_refunds;
pub mod checkins;
pub mod holds;
pub mod offline_scans;
pub mod payments;
pub mod provider;
pub mod provider_webhooks;
pub mod reconcile;
pub mod reserved_seats;
pub mod seat_maps;
pub mod seat_selection;
pub mod stripe;
pub mod ticket_codes;
pub mod tickets;
pub mod vouchers;
pub mod waiting_list;
pub mod waiting_list_offers;

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Holding seats of a screening: chosen or best available.
    Bookings,
    /// Paying for bookings.
    Payments,
    /// Tickets of paid bookings, their QR codes, and check-in at the door.
    Tickets,
    /// Waiting for seats of a sold-out screening, and the offers of freed seats.
    WaitingList,
}

/// The constraints of this context whose violations are the client's doing.
pub const CONSTRAINT_PROBLEMS: &[ConstraintProblem] = &[
    ConstraintProblem {
        // A cancellation reaching a ticket that a scanner admitted (first, or meanwhile).
        constraint: "tickets_admitted_not_void",
        status: StatusCode::CONFLICT,
        code: "ticket_checked_in",
        detail: "a ticket of those seats has been checked in; an admitted seat cannot be \
                 given back",
    },
    ConstraintProblem {
        constraint: "vouchers_code_key",
        status: StatusCode::CONFLICT,
        code: "voucher_code_taken",
        detail: "a voucher has that code already (codes are unique in any case)",
    },
    ConstraintProblem {
        constraint: "vouchers_movie_id_fkey",
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "movie_not_found",
        detail: "`movie_id` names no movie",
    },
    ConstraintProblem {
        constraint: "vouchers_screening_id_fkey",
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "screening_not_found",
        detail: "`screening_id` names no screening",
    },
    ConstraintProblem {
        constraint: "waiting_list_entries_open_key",
        status: StatusCode::CONFLICT,
        code: "already_waiting",
        detail: "you are on this screening's waiting list already (waiting, or offered \
                 seats): leave it first to change the party's size",
    },
    ConstraintProblem {
        constraint: "staff_theaters_theater_id_fkey",
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "theater_not_found",
        detail: "one of `theater_ids` names no theater",
    },
];

/// 403: the screening is in a theater the staff member does not check tickets in at.
pub fn not_your_theater(screening_id: i64) -> ApiError {
    ApiError::Problem(Problem::new(
        StatusCode::FORBIDDEN,
        "not_your_theater",
        format!("screening {screening_id} is in a theater you do not check in at"),
    ))
}

/// How ticketing behaves, from the configuration.
#[derive(Debug, Clone)]
pub struct TicketingSettings {
    /// How long a pending booking holds its seats (BOOKING_HOLD_SECONDS).
    pub booking_hold: Duration,
    /// Booking attempts a user may make per minute; 0: no limit (BOOKING_RATE_LIMIT).
    pub bookings_per_minute: u32,
    /// How many seats a customer may hold in unpaid bookings.
    pub hold_caps: HoldCaps,
    /// How long a booking with a card payment under way holds its seats, from when the
    /// payment starts (CARD_PAYMENT_HOLD_SECONDS).
    pub card_hold: Duration,
    /// Minutes before a screening's start from which its tickets may be checked in, until
    /// it ends (CHECKIN_OPENS_MINUTES).
    pub checkin_opens_minutes: i32,
    /// How long an offer of freed seats to a waiting list entry holds them
    /// (WAITING_LIST_OFFER_SECONDS).
    pub waiting_list_offer: Duration,
}

/// How many seats one customer may hold at once in pending (unpaid) bookings, so that a
/// handful of accounts cannot keep a premiere "sold out" without paying. Admins and staff
/// selling at the counter are not capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldCaps {
    /// Of one screening (MAX_HELD_SEATS_PER_SCREENING).
    pub per_screening: i32,
    /// In all (MAX_HELD_SEATS).
    pub total: i32,
}

/// Ticketing's metrics.
#[derive(Clone)]
pub struct TicketingMetrics {
    /// Booking attempts by outcome.
    pub bookings: OutcomeCounter,
    /// Wallet payment requests by outcome.
    pub payments: OutcomeCounter,
    /// Card payment requests by outcome (`ok`, `card_declined`, …).
    pub card_payments: OutcomeCounter,
    /// Provider webhooks by outcome: `applied`, `duplicate`, `ignored`, `invalid_signature`.
    pub provider_webhooks: OutcomeCounter,
    /// How long calls to the payment provider take, by call and outcome.
    pub provider_calls: Family<ProviderCallLabels, Histogram>,
    /// Seat maps answered, by where their seats came from: `database` (read) or `memory`
    /// (unchanged since the last read).
    pub seat_maps: OutcomeCounter,
}

/// Labels of a payment-provider call.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ProviderCallLabels {
    /// `create_intent`, `retrieve_intent`, `cancel_intent`, `refund`, `refunds_of`.
    pub call: &'static str,
    /// `ok`, `refused` or `unavailable`.
    pub outcome: &'static str,
}

impl TicketingMetrics {
    /// Records a provider call of `started`'s duration and its result.
    pub fn provider_call<T>(
        &self,
        call: &'static str,
        started: std::time::Instant,
        result: &Result<T, provider::ProviderError>,
    ) {
        let outcome = match result {
            Ok(_) => "ok",
            Err(provider::ProviderError::Refused { .. }) => "refused",
            Err(provider::ProviderError::Unavailable(_)) => "unavailable",
        };
        self.provider_calls
            .get_or_create(&ProviderCallLabels { call, outcome })
            .observe(started.elapsed().as_secs_f64());
    }

    /// The metrics, registered in `registry`.
    pub fn register(registry: &mut Registry) -> Self {
        let provider_calls = Family::<ProviderCallLabels, Histogram>::new_with_constructor(|| {
            // 5 ms to ~20 s.
            Histogram::new(exponential_buckets(0.005, 2.0, 12))
        });
        registry.register(
            "payment_provider_call_duration_seconds",
            "Time calls to the payment provider take, in seconds, by call and outcome",
            provider_calls.clone(),
        );
        TicketingMetrics {
            card_payments: OutcomeCounter::register(
                registry,
                "boxoffice_card_payments",
                "Card payment requests by outcome (ok or the problem code)",
            ),
            provider_webhooks: OutcomeCounter::register(
                registry,
                "payment_provider_webhooks",
                "Payment provider webhooks by outcome: applied, duplicate, ignored, \
                 invalid_signature",
            ),
            provider_calls,
            bookings: OutcomeCounter::register(
                registry,
                "boxoffice_bookings",
                "Booking attempts by outcome (ok or the problem code)",
            ),
            payments: OutcomeCounter::register(
                registry,
                "boxoffice_payments",
                "Payment requests by outcome (ok or the problem code)",
            ),
            seat_maps: OutcomeCounter::register(
                registry,
                "boxoffice_seat_maps",
                "Seat maps answered, by where their seats came from: database or memory",
            ),
        }
    }
}

/// What ticketing works with besides the shared state: its settings, its metrics, the key
/// that sign ticket codes, and the per-user booking limit. Given to its APIs by `app`.
pub struct Ticketing {
    /// The settings.
    pub settings: TicketingSettings,
    /// The metrics.
    pub metrics: TicketingMetrics,
    /// Sign and verify ticket codes (Ed25519); their public halves are published for
    /// scanners.
    pub signing_keys: ticket_codes::SigningKeys,
    /// Booking attempts per user.
    pub booking_limit: KeyedLimit<i64>,
    /// The payment provider cards are paid through; `None` when card payments are off.
    pub provider: Option<Arc<dyn provider::PaymentProvider>>,
}

impl Ticketing {
    /// The context with these settings, metrics, signing keys and payment provider.
    pub fn new(
        settings: TicketingSettings,
        metrics: TicketingMetrics,
        signing_keys: ticket_codes::SigningKeys,
        provider: Option<Arc<dyn provider::PaymentProvider>>,
    ) -> Arc<Self> {
        Arc::new(Ticketing {
            booking_limit: KeyedLimit::per_minute(settings.bookings_per_minute),
            settings,
            metrics,
            signing_keys,
            provider,
        })
    }

    /// The payment provider.
    ///
    /// Errors: 503 `card_payments_unavailable` when card payments are not set up.
    pub fn provider(&self) -> Result<&dyn provider::PaymentProvider, ApiError> {
        self.provider.as_deref().ok_or_else(|| {
            ApiError::Problem(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "card_payments_unavailable",
                "card payments are not set up on this service (STRIPE_SECRET_KEY and \
                 STRIPE_WEBHOOK_SECRET); pay from a wallet",
            ))
        })
    }
}

/// 404 `booking_not_found`.
pub fn booking_not_found(id: i64) -> ApiError {
    ApiError::not_found("booking_not_found", format!("you have no booking {id}"))
}

/// 409 `booking_not_payable`: the booking cannot be paid (now).
pub fn booking_not_payable(detail: impl Into<String>) -> ApiError {
    ApiError::conflict("booking_not_payable", detail)
}
