//! Reports for a cinema's manager (admin only): what was sold, how full each screening was,
//! and what film hire is owed to distributors.
//!
//! Every figure comes from `sales` (migration 000033): one row per seat sold or given back
//! with its money, written by triggers in the transaction that moves the money through the
//! ledger's revenue account, and read here in one snapshot (REPEATABLE READ). So a report's
//! net over any period is what the revenue account took in that period, to the minor unit.
//! Discounts are what vouchers took off the seats sold.

pub mod csv_body;
pub mod film_hire;

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Days, NaiveDate, Utc};
use codegen::client::Params as _;
use codegen::queries::reports as q;
use poem::web::Accept;
use poem::web::Data;
use poem::{FromRequest as _, Request};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, ResponseContent};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::catalog::screenings::{TicketType, screening_not_found};
use crate::operation_errors;
use crate::platform::AppState;
use crate::platform::auth::AdminAuth;
use crate::platform::currency::Currency;
use crate::platform::db::read_snapshot;
use crate::platform::problem::ApiError;

use csv_body::{Csv, prefers_csv};
use film_hire::{FilmHireReport, film_hire_report};

/// The OpenAPI tags of this context's operations.
#[derive(poem_openapi::Tags)]
pub enum Tag {
    /// Sales, occupancy and film hire, for the cinema's manager.
    Reports,
}

/// How long each report takes to read, by report: `sales`, `screening`, `film_hire`.
pub struct ReportMetrics {
    /// Seconds per report read from the database.
    pub durations: Family<ReportLabels, Histogram>,
}

/// Labels of a report's duration.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ReportLabels {
    /// `sales`, `screening` or `film_hire`.
    pub report: &'static str,
}

impl ReportMetrics {
    /// Registers `report_duration_seconds` in `registry`.
    pub fn register(registry: &mut Registry) -> Arc<Self> {
        let durations = Family::<ReportLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 14))
        });
        registry.register(
            "report_duration_seconds",
            "Seconds to read a report from the database, by report",
            durations.clone(),
        );
        Arc::new(ReportMetrics { durations })
    }

    fn observe(&self, report: &'static str, started: Instant) {
        self.durations
            .get_or_create(&ReportLabels { report })
            .observe(started.elapsed().as_secs_f64());
    }
}

/// What a sales report groups by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum SalesGrouping {
    /// The day of the sale (UTC); key `2026-12-07`.
    Day,
    /// The movie; key its id, label its title.
    Movie,
    /// The screening; key its id, label its movie, theater and start.
    Screening,
    /// The theater; key its id, label its name.
    Theater,
    /// The ticket type: `adult`, `child`, `senior`, `student`.
    TicketType,
    /// How it was paid: `wallet` or `card`.
    PaymentMethod,
}

impl SalesGrouping {
    fn as_str(self) -> &'static str {
        match self {
            SalesGrouping::Day => "day",
            SalesGrouping::Movie => "movie",
            SalesGrouping::Screening => "screening",
            SalesGrouping::Theater => "theater",
            SalesGrouping::TicketType => "ticket_type",
            SalesGrouping::PaymentMethod => "payment_method",
        }
    }
}

/// Sales figures, in minor units of the report's currency.
#[derive(Object, Debug, Clone, Default, PartialEq, Eq)]
pub struct SalesFigures {
    /// Seats sold, less those given back, in the period.
    pub tickets: i64,
    /// The list price (with any surcharge) of every seat sold, including those given back
    /// later.
    pub gross: i64,
    /// What vouchers took off those seats.
    pub discounts: i64,
    /// Money returned for seats given back.
    pub refunds: i64,
    /// `gross − discounts − refunds`: what the revenue account kept.
    pub net: i64,
}

impl SalesFigures {
    fn add(&mut self, other: &SalesFigures) {
        self.tickets += other.tickets;
        self.gross += other.gross;
        self.discounts += other.discounts;
        self.refunds += other.refunds;
        self.net += other.net;
    }
}

/// One group of a sales report.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct SalesRow {
    /// What the group is: a day (`2026-12-07`), an id, a ticket type or a payment method.
    pub key: String,
    /// The group as a person reads it: a movie's title, a theater's name, a screening's
    /// movie, theater and start; the key otherwise.
    pub label: String,
    /// The group's figures.
    #[oai(flatten)]
    pub figures: SalesFigures,
}

/// `GET /v1/reports/sales`: sales over a period in one currency, grouped.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct SalesReport {
    /// The first day (UTC), inclusive.
    pub from: NaiveDate,
    /// The last day (UTC), inclusive.
    pub to: NaiveDate,
    /// ISO 4217 code of every amount; null when nothing was sold in the period and none was
    /// asked for.
    #[oai(nullable)]
    pub currency: Option<String>,
    // What the rows are grouped by. (No doc comment: an enum's field with one becomes an
    // `allOf`, which SDK generators refuse.)
    pub group_by: SalesGrouping,
    /// One per group that sold or refunded anything; days in order, ids in order.
    pub rows: Vec<SalesRow>,
    /// The sums of the rows.
    pub totals: SalesFigures,
}

/// A sales report as JSON or, asked for with `Accept: text/csv`, as CSV.
#[derive(ResponseContent)]
pub enum SalesContent {
    /// The report.
    Json(Json<SalesReport>),
    /// The rows as CSV (RFC 4180): a header line `key,label,tickets,gross,discounts,refunds,net`,
    /// then a line per row.
    Csv(Csv),
}

#[derive(ApiResponse)]
enum SalesAnswer {
    /// The report.
    #[oai(status = 200)]
    Ok(SalesContent),
}

/// One ticket type of a screening.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct TicketTypeSales {
    // No doc comment: an enum's field with one becomes an `allOf`, which SDK generators refuse.
    pub ticket_type: TicketType,
    /// Seats sold of this type, less those given back.
    pub tickets: i64,
    /// Their net, in minor units.
    pub net: i64,
}

/// `GET /v1/reports/screenings/{id}`: a screening's seats and money.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct ScreeningReport {
    /// The screening.
    pub screening_id: i64,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Seats on sale (not blocked).
    pub capacity: i64,
    /// Seats of paid bookings.
    pub sold: i64,
    /// Seats held by unpaid bookings whose hold is running.
    pub held: i64,
    /// `capacity − sold − held`.
    pub available: i64,
    /// Tickets admitted at the door.
    pub checked_in: i64,
    /// Seats sold and their net per ticket type sold.
    pub by_ticket_type: Vec<TicketTypeSales>,
    /// Its money over every sale so far.
    #[oai(flatten)]
    pub figures: SalesFigures,
}

operation_errors! {
    SalesReportError(Query, Admin) {
        400: "`invalid_request`: a parameter is malformed, or `to` is before `from`; \
              `currency_required`: more than one currency was sold in the period (the detail \
              names them), so `currency` must say which.",
    }
    ScreeningReportError(Path, Admin) {
        404: "`screening_not_found`.",
    }
    FilmHireReportError(Query, Admin) {
        400: "`invalid_request`: a parameter is malformed, or `to` is before `from`; \
              `currency_required`: screenings in more than one currency started in the \
              period, so `currency` must say which.",
    }
}

/// The instants a period of whole UTC days covers: from the start of `from` to the start of
/// the day after `to`.
///
/// Errors: 400 `invalid_request` when `to` is before `from` (or past the last date).
pub fn period(from: NaiveDate, to: NaiveDate) -> Result<(DateTime<Utc>, DateTime<Utc>), ApiError> {
    if to < from {
        return Err(ApiError::bad_request(
            "invalid_request",
            format!("`to` ({to}) is before `from` ({from})"),
        ));
    }
    let until = to.checked_add_days(Days::new(1)).ok_or_else(|| {
        ApiError::bad_request("invalid_request", format!("`to` ({to}) is too late"))
    })?;
    Ok((
        from.and_time(chrono::NaiveTime::MIN).and_utc(),
        until.and_time(chrono::NaiveTime::MIN).and_utc(),
    ))
}

/// The currency a report is in: the one asked for, else the only one `found` (the
/// currencies of the period, read only when none was asked for); `None` when none was asked
/// for and the period has none.
///
/// Errors: 400 `currency_required` when none was asked for and the period has several; the
/// database's.
pub async fn report_currency(
    asked: Option<Currency>,
    found: impl Future<Output = Result<Vec<String>, tokio_postgres::Error>>,
) -> Result<Option<String>, ApiError> {
    if let Some(currency) = asked {
        return Ok(Some(currency.code().to_owned()));
    }
    let found = found.await?;
    match found.len() {
        0 | 1 => Ok(found.into_iter().next()),
        _ => Err(ApiError::bad_request(
            "currency_required",
            format!(
                "the period has sales in {}: say which with `currency`",
                found.join(", ")
            ),
        )),
    }
}

fn figures(gross: i64, discounts: i64, refunds: i64, tickets: i64) -> SalesFigures {
    SalesFigures {
        tickets,
        gross,
        discounts,
        refunds,
        net: gross - discounts - refunds,
    }
}

/// `/v1/reports`.
pub struct ReportsApi {
    /// Report durations.
    pub metrics: Arc<ReportMetrics>,
}

#[OpenApi(prefix_path = "/v1/reports", tag = "Tag::Reports")]
impl ReportsApi {
    /// Get the sales over a period
    ///
    /// Admin only. Seats sold and given back between `from` and `to` (whole days, UTC),
    /// grouped by day, movie, screening, theater, ticket type or payment method, in one
    /// currency: `tickets` (sold less given back), `gross` (list prices of the seats sold),
    /// `discounts`, `refunds` and `net` (what the revenue account kept), in minor units. A
    /// sale counts when its payment went through, a refund when the seat was given back.
    /// With `Accept: text/csv`, the rows as CSV. Figures are read from one snapshot.
    #[oai(path = "/sales", method = "get", operation_id = "get_sales_report")]
    #[allow(clippy::too_many_arguments)]
    async fn sales(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        request: &Request,
        /// The first day (UTC), e.g. `2026-12-01`.
        from: Query<NaiveDate>,
        /// The last day (UTC), inclusive.
        to: Query<NaiveDate>,
        /// What to group the rows by.
        group_by: Query<SalesGrouping>,
        /// The currency; when absent, the only one sold in the period.
        currency: Query<Option<Currency>>,
    ) -> Result<SalesAnswer, SalesReportError> {
        let started = Instant::now();
        let (since, until) = period(from.0, to.0)?;
        let mut client = state.pool.get().await?;
        let tx = read_snapshot(&mut client).await?;
        let sold = q::currencies_sold();
        let sold = sold.bind(&tx, &since, &until).all();
        let currency = report_currency(currency.0, sold).await?;
        let mut rows = Vec::new();
        if let Some(currency) = &currency {
            rows = q::sales_report()
                .params(
                    &tx,
                    &q::SalesReportParams {
                        group_by: group_by.0.as_str(),
                        currency: currency.as_str(),
                        since,
                        until,
                    },
                )
                .all()
                .await?;
        }
        tx.commit().await?;
        self.metrics.observe("sales", started);
        let rows: Vec<SalesRow> = rows
            .into_iter()
            .map(|row| SalesRow {
                key: row.key,
                label: row.label,
                figures: figures(row.gross, row.discounts, row.refunds, row.tickets),
            })
            .collect();
        let mut totals = SalesFigures::default();
        rows.iter().for_each(|row| totals.add(&row.figures));
        let report = SalesReport {
            from: from.0,
            to: to.0,
            currency,
            group_by: group_by.0,
            rows,
            totals,
        };
        // Never refused: an unreadable header reads as none.
        let accept = Accept::from_request_without_body(request)
            .await
            .unwrap_or(Accept(Vec::new()));
        Ok(SalesAnswer::Ok(if prefers_csv(&accept) {
            SalesContent::Csv(Csv::of_rows(report.rows))
        } else {
            SalesContent::Json(Json(report))
        }))
    }

    /// Get a screening's report
    ///
    /// Admin only. Its seats now (capacity, sold, held by unpaid bookings, available), its
    /// admissions, and its money in minor units of its currency: `gross`, `discounts`,
    /// `refunds` and `net` over every sale of it so far, and per ticket type. Read from one
    /// snapshot.
    #[oai(
        path = "/screenings/:id",
        method = "get",
        operation_id = "get_screening_report"
    )]
    async fn screening(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The screening's id.
        id: Path<i64>,
    ) -> Result<Json<ScreeningReport>, ScreeningReportError> {
        let started = Instant::now();
        let mut client = state.pool.get().await?;
        let tx = read_snapshot(&mut client).await?;
        let seats = q::screening_figures()
            .bind(&tx, &id.0)
            .opt()
            .await?
            .ok_or_else(|| screening_not_found(id.0))?;
        let types = q::screening_ticket_types().bind(&tx, &id.0).all().await?;
        tx.commit().await?;
        self.metrics.observe("screening", started);
        Ok(Json(ScreeningReport {
            screening_id: seats.id,
            currency: seats.currency,
            capacity: seats.capacity.into(),
            sold: seats.sold.into(),
            held: seats.held.into(),
            available: i64::from(seats.capacity) - i64::from(seats.sold) - i64::from(seats.held),
            checked_in: seats.checked_in.into(),
            by_ticket_type: types
                .into_iter()
                .map(|row| TicketTypeSales {
                    ticket_type: row.ticket_type.into(),
                    tickets: row.tickets.into(),
                    net: row.net,
                })
                .collect(),
            figures: figures(
                seats.gross,
                seats.discounts,
                seats.refunds,
                seats.sold_net.into(),
            ),
        }))
    }

    /// Get the film hire owed to distributors
    ///
    /// Admin only. Per movie and ISO week (UTC) of the screenings that started between
    /// `from` and `to`: the screenings, their seats sold and net box office (whenever sold),
    /// the movie's film hire terms, the hire (`percent` of the net, rounded half up to the
    /// minor unit, but at least `minimum_per_screening` times the screenings) and what the
    /// cinema keeps. A movie without terms owes nothing and says so (`percent` null).
    #[oai(
        path = "/film-hire",
        method = "get",
        operation_id = "get_film_hire_report"
    )]
    async fn film_hire(
        &self,
        state: Data<&Arc<AppState>>,
        _auth: AdminAuth,
        /// The first day (UTC) of the screenings.
        from: Query<NaiveDate>,
        /// The last day (UTC), inclusive.
        to: Query<NaiveDate>,
        /// The currency; when absent, the only one the period's screenings are in.
        currency: Query<Option<Currency>>,
    ) -> Result<Json<FilmHireReport>, FilmHireReportError> {
        let started = Instant::now();
        let report = film_hire_report(&state.pool, from.0, to.0, currency.0).await?;
        self.metrics.observe("film_hire", started);
        Ok(Json(report))
    }
}
