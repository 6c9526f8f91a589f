//! The background work every replica runs beside the API: housekeeping (card payments open
//! past their hold and pending card refunds, lapsed holds, old
//! idempotency keys and sessions, idle rate-limit buckets, the lock and webhook gauges) and
//! the webhook delivery worker. Each is safe to run in several replicas at once.

use std::time::Duration;

use crate::events::delivery::{self, DeliveryWorker};
use crate::events::retention;
use crate::identity::sessions::purge_expired_sessions;
use crate::ops::locks;
use crate::platform::idempotency::purge_expired_keys;
use crate::platform::problem::error_chain;
use crate::ticketing::card_outcomes::sweep_card_payments;
use crate::ticketing::holds::sweep_all_expired_holds;
use crate::ticketing::provider_webhooks::purge_provider_events;

use super::Service;

/// Card payments open past their hold, and refunds to send, handled per housekeeping pass.
const CARD_SWEEP_BATCH: i64 = 100;

/// Every `every`: asks the payment provider about card payments open past their hold and
/// sends refunds it has not accepted yet, returns the seats of lapsed booking holds, forgets
/// idempotency keys older than 24 hours, expired sessions, events and finished deliveries
/// past EVENT_RETENTION_DAYS, provider events past 30 days and rate-limit buckets of idle
/// clients, and samples the
/// lock and webhook backlog gauges. Runs until aborted; failures are logged and retried next
/// time.
pub async fn housekeeping(service: Service, every: Duration) {
    let state = &service.state;
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        // Card payments first: a success the provider did not report is applied before its
        // booking's lapsed hold is swept.
        sweep_card_payments(&state.pool, &service.ticketing, CARD_SWEEP_BATCH).await;
        let offer_seconds = service.ticketing.settings.waiting_list_offer.as_secs_f64();
        if let Err(err) = sweep_all_expired_holds(&state.pool, offer_seconds).await {
            tracing::warn!(error = %error_chain(&err), "sweeping expired booking holds failed");
        }
        if let Err(err) = purge_expired_keys(&state.pool).await {
            tracing::warn!(error = %error_chain(&err), "purging idempotency keys failed");
        }
        if let Err(err) = purge_expired_sessions(&state.pool).await {
            tracing::warn!(error = %error_chain(&err), "purging expired sessions failed");
        }
        if let Err(err) = retention::purge(&state.pool, service.events.retention_days).await {
            tracing::warn!(error = %error_chain(&err), "purging old events failed");
        }
        if let Err(err) = purge_provider_events(&state.pool).await {
            tracing::warn!(error = %error_chain(&err), "purging old provider events failed");
        }
        service.identity.forget_idle();
        service.ticketing.booking_limit.forget_idle();
        if let Err(err) = locks::sample(&state.pool, &state.metrics).await {
            tracing::warn!(error = %error_chain(&err), "sampling lock waits failed");
        }
        if let Err(err) = delivery::sample_backlog(&state.pool, &service.events.metrics).await {
            tracing::warn!(error = %error_chain(&err), "sampling the webhook backlog failed");
        }
    }
}

/// This process's webhook delivery worker, or `None` when WEBHOOK_CONCURRENCY is 0.
///
/// Errors: its HTTP client cannot be set up.
pub fn webhook_worker(service: &Service) -> std::io::Result<Option<DeliveryWorker>> {
    let events = &service.events;
    if events.webhooks.concurrency == 0 {
        return Ok(None);
    }
    DeliveryWorker::new(
        service.state.pool.clone(),
        events.webhooks.clone(),
        events.metrics.clone(),
    )
    .map(Some)
    .map_err(std::io::Error::other)
}
