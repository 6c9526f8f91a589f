//! Scans made offline at the door, uploaded when the network is back:
//! `POST /v1/checkins/batch`.
//!
//! A scanner that lost its connection keeps admitting tickets whose codes verify against the
//! check-in list's keys, and logs each admission with a nonce of its own. Uploading the log
//! applies every scan once: a nonce already recorded answers its recorded result and changes
//! nothing, so the same batch sent twice (a lost answer) is harmless. Uploads of one scanner
//! apply one after the other (an advisory lock on its id, taken first); the tickets they name
//! are then locked in id order, as online check-ins lock them, so concurrent uploads and scans
//! of one ticket apply one after the other. Of two doors that admitted one ticket while
//! offline, the earlier scan is the admission (the ticket's `checked_in_at` is its time) and
//! every other scan of it comes back with `conflict: true`; so does a scan of a ticket voided
//! meanwhile, which is never admitted. Each conflict writes `ticket.checkin_conflict`
//! (a trigger on the recorded scan), for a supervisor to look at. The door's theater rule
//! applies to uploads as to online scans; the check-in window does not (the scan is dated
//! when the door let the person in, and the upload may come hours later).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SubsecRound as _, Utc};
use codegen::client::Params as _;
use codegen::queries::offline_scans as q;
use codegen::queries::tickets as tq;
use codegen::types::ScanOutcome as DbScanOutcome;
use deadpool_postgres::Transaction;
use poem_openapi::{Enum, Object};

use crate::platform::db::Workflow;
use crate::platform::problem::ApiError;
use crate::platform::text::Text;

use super::ticket_codes::SigningKeys;

/// The most scans one upload carries: what fits in a 64 KiB body with codes of this
/// service's seat labels (a scan is about 240 bytes of JSON). A longer log goes in several
/// uploads.
pub const MAX_SCANS_PER_BATCH: usize = 200;

/// What became of an uploaded scan.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ScanOutcome {
    /// This scan is the ticket's admission.
    Admitted,
    /// The ticket was admitted by an earlier scan (the result's `checked_in_at`).
    AlreadyCheckedIn,
    /// Its seat was given back: the ticket admits no one.
    TicketVoid,
    /// The ticket is for another screening than the scan's.
    WrongScreening,
    /// The code is malformed, its signature does not verify, or it names no ticket.
    InvalidTicket,
}

impl From<DbScanOutcome> for ScanOutcome {
    fn from(outcome: DbScanOutcome) -> Self {
        match outcome {
            DbScanOutcome::Admitted => ScanOutcome::Admitted,
            DbScanOutcome::AlreadyCheckedIn => ScanOutcome::AlreadyCheckedIn,
            DbScanOutcome::TicketVoid => ScanOutcome::TicketVoid,
            DbScanOutcome::WrongScreening => ScanOutcome::WrongScreening,
            DbScanOutcome::InvalidTicket => ScanOutcome::InvalidTicket,
        }
    }
}

impl From<ScanOutcome> for DbScanOutcome {
    fn from(outcome: ScanOutcome) -> Self {
        match outcome {
            ScanOutcome::Admitted => DbScanOutcome::Admitted,
            ScanOutcome::AlreadyCheckedIn => DbScanOutcome::AlreadyCheckedIn,
            ScanOutcome::TicketVoid => DbScanOutcome::TicketVoid,
            ScanOutcome::WrongScreening => DbScanOutcome::WrongScreening,
            ScanOutcome::InvalidTicket => DbScanOutcome::InvalidTicket,
        }
    }
}

/// One admission a scanner made offline.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct OfflineScan {
    /// The scanner's own id for this scan, 1–100 characters (a UUID, say), unique per
    /// scanner: a nonce already uploaded, or given twice, is applied once.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub nonce: Text,
    /// The ticket's `code`, as scanned.
    #[oai(validator(min_length = 1, max_length = 454))]
    pub code: Text,
    /// The screening whose door the scanner was at.
    pub screening_id: i64,
    /// When the scanner admitted it (RFC 3339); a time ahead of the server's clock counts as
    /// now.
    pub scanned_at: DateTime<Utc>,
}

/// `POST /v1/checkins/batch` body: a scanner's offline log.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ScanBatch {
    /// The scanner (a device), 1–100 characters: nonces are its own.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub scanner_id: Text,
    /// 1–200 scans.
    #[oai(validator(min_items = 1, max_items = 200))]
    pub scans: Vec<OfflineScan>,
}

/// What became of one scan of a batch.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct ScanResult {
    /// The scan's nonce.
    pub nonce: String,
    pub outcome: ScanOutcome,
    /// The ticket the code names, when it verifies.
    #[oai(skip_serializing_if_is_none)]
    pub ticket_id: Option<i64>,
    /// When the ticket counts as admitted (`admitted`, `already_checked_in`).
    #[oai(skip_serializing_if_is_none)]
    pub checked_in_at: Option<DateTime<Utc>>,
    /// The door let someone in that it should not have: the ticket had been admitted
    /// elsewhere, or was void. Each conflict is also written as `ticket.checkin_conflict`.
    pub conflict: bool,
}

/// The results of a batch, in the order of its scans.
#[derive(Object, Debug)]
pub struct ScanResults {
    pub results: Vec<ScanResult>,
}

/// Rounds a batch's times to the microseconds PostgreSQL keeps, so that a result answers the
/// time as stored, and takes a time ahead of the server's clock (a scanner's clock running
/// fast) as now.
pub fn prepare_batch(batch: &mut ScanBatch, now: DateTime<Utc>) {
    let now = now.trunc_subsecs(6);
    for scan in &mut batch.scans {
        scan.scanned_at = scan.scanned_at.trunc_subsecs(6).min(now);
    }
}

/// Applies a batch: see the module's doc.
pub struct UploadScans<'a> {
    /// Who uploads (staff or an admin).
    pub staff_id: i64,
    pub batch: &'a ScanBatch,
    /// Verify the codes.
    pub keys: &'a SigningKeys,
    /// For the door's rule (staff of the screening's theater), as check-in reads it.
    pub opens_minutes: i32,
}

/// A new scan's ticket, by the code's claims.
enum Claimed {
    Ticket(i64),
    Refused(ScanOutcome, Option<i64>),
}

impl Workflow for UploadScans<'_> {
    type Output = ScanResults;

    async fn run(&self, tx: &Transaction<'_>) -> Result<ScanResults, ApiError> {
        let batch = self.batch;
        q::lock_scanner()
            .bind(tx, &batch.scanner_id.as_str())
            .one()
            .await?;
        let nonces: Vec<&str> = batch.scans.iter().map(|s| s.nonce.as_str()).collect();
        let mut results: HashMap<String, ScanResult> = q::stored_scans()
            .bind(tx, &batch.scanner_id.as_str(), &nonces)
            .all()
            .await?
            .into_iter()
            .map(|stored| {
                let result = ScanResult {
                    nonce: stored.nonce.clone(),
                    outcome: stored.outcome.into(),
                    ticket_id: stored.ticket_id,
                    checked_in_at: stored.checked_in_at,
                    conflict: stored.conflict,
                };
                (stored.nonce, result)
            })
            .collect();
        let mut seen = HashSet::new();
        let new: Vec<(&OfflineScan, Claimed)> = batch
            .scans
            .iter()
            .filter(|scan| !results.contains_key(scan.nonce.as_str()))
            // A nonce given twice applies once, as its first scan.
            .filter(|scan| seen.insert(scan.nonce.as_str()))
            .map(|scan| (scan, self.claim(scan)))
            .collect();
        self.check_doors(tx, &new).await?;

        let mut ids: Vec<i64> = new
            .iter()
            .filter_map(|(_, claimed)| match claimed {
                Claimed::Ticket(id) => Some(*id),
                Claimed::Refused(..) => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut tickets: HashMap<i64, q::ScannedTicket> = q::lock_scanned_tickets()
            .bind(tx, &ids)
            .all()
            .await?
            .into_iter()
            .map(|ticket| (ticket.id, ticket))
            .collect();

        // Each ticket's scans in time order: the earliest is the admission.
        let mut ordered: Vec<&(&OfflineScan, Claimed)> = new.iter().collect();
        ordered.sort_by_key(|(scan, claimed)| match claimed {
            Claimed::Ticket(id) => (Some(*id), scan.scanned_at),
            Claimed::Refused(..) => (None, scan.scanned_at),
        });
        let mut admissions: HashMap<i64, DateTime<Utc>> = HashMap::new();
        let mut recorded = Vec::with_capacity(new.len());
        for (scan, claimed) in ordered {
            let result = match claimed {
                Claimed::Refused(outcome, ticket_id) => refused(scan, *outcome, *ticket_id),
                Claimed::Ticket(id) => match tickets.get_mut(id) {
                    None => refused(scan, ScanOutcome::InvalidTicket, None),
                    Some(ticket) => {
                        let result = apply(scan, ticket);
                        if result.outcome == ScanOutcome::Admitted {
                            admissions.insert(*id, scan.scanned_at);
                        }
                        result
                    }
                },
            };
            recorded.push((*scan, result));
        }
        for (id, at) in &admissions {
            q::admit_scanned().bind(tx, at, &self.staff_id, id).await?;
        }
        self.record(tx, &recorded).await?;
        results.extend(
            recorded
                .into_iter()
                .map(|(scan, result)| (scan.nonce.as_str().to_owned(), result)),
        );
        Ok(ScanResults {
            results: batch
                .scans
                .iter()
                .map(|scan| results[scan.nonce.as_str()].clone())
                .collect(),
        })
    }
}

impl UploadScans<'_> {
    /// The ticket a scan's code names, or why it names none for this door.
    fn claim(&self, scan: &OfflineScan) -> Claimed {
        match self.keys.verify(scan.code.as_str()) {
            Err(_) => Claimed::Refused(ScanOutcome::InvalidTicket, None),
            Ok(claims) if claims.screening_id != scan.screening_id => {
                Claimed::Refused(ScanOutcome::WrongScreening, Some(claims.ticket_id))
            }
            Ok(claims) => Claimed::Ticket(claims.ticket_id),
        }
    }

    /// Refuses the whole batch, before it writes, when the uploader may not check tickets
    /// in at a screening it names.
    ///
    /// Errors: 403 `not_your_theater`.
    async fn check_doors(
        &self,
        tx: &Transaction<'_>,
        new: &[(&OfflineScan, Claimed)],
    ) -> Result<(), ApiError> {
        let mut screenings: Vec<i64> = new.iter().map(|(scan, _)| scan.screening_id).collect();
        screenings.sort_unstable();
        screenings.dedup();
        for screening_id in screenings {
            let door = tq::door_state()
                .bind(tx, &self.staff_id, &self.opens_minutes, &screening_id)
                .opt()
                .await?;
            // A screening that does not exist leaves its scans `invalid_ticket`.
            if door.is_some_and(|door| !door.allowed) {
                return Err(super::not_your_theater(screening_id));
            }
        }
        Ok(())
    }

    /// Records the new scans with their results.
    async fn record(
        &self,
        tx: &Transaction<'_>,
        recorded: &[(&OfflineScan, ScanResult)],
    ) -> Result<(), ApiError> {
        q::record_scans()
            .params(
                tx,
                &q::RecordScansParams {
                    scanner_id: self.batch.scanner_id.as_str(),
                    staff_id: self.staff_id,
                    nonces: recorded
                        .iter()
                        .map(|(scan, _)| scan.nonce.as_str())
                        .collect::<Vec<_>>(),
                    screening_ids: recorded
                        .iter()
                        .map(|(scan, _)| scan.screening_id)
                        .collect::<Vec<_>>(),
                    ticket_ids: recorded
                        .iter()
                        .map(|(_, result)| result.ticket_id)
                        .collect::<Vec<_>>(),
                    scanned_at: recorded
                        .iter()
                        .map(|(scan, _)| scan.scanned_at)
                        .collect::<Vec<_>>(),
                    outcomes: recorded
                        .iter()
                        .map(|(_, result)| DbScanOutcome::from(result.outcome))
                        .collect::<Vec<_>>(),
                    checked_in_at: recorded
                        .iter()
                        .map(|(_, result)| result.checked_in_at)
                        .collect::<Vec<_>>(),
                    conflicts: recorded
                        .iter()
                        .map(|(_, result)| result.conflict)
                        .collect::<Vec<_>>(),
                },
            )
            .await?;
        Ok(())
    }
}

fn refused(scan: &OfflineScan, outcome: ScanOutcome, ticket_id: Option<i64>) -> ScanResult {
    ScanResult {
        nonce: scan.nonce.as_str().to_owned(),
        outcome,
        ticket_id,
        checked_in_at: None,
        conflict: false,
    }
}

/// What a scan does to its (locked) ticket, which it updates in memory: the earliest scan
/// is the admission; any scan of a ticket admitted by another, or void, is a conflict.
fn apply(scan: &OfflineScan, ticket: &mut q::ScannedTicket) -> ScanResult {
    let mut result = refused(scan, ScanOutcome::TicketVoid, Some(ticket.id));
    if ticket.screening_id != scan.screening_id {
        result.outcome = ScanOutcome::WrongScreening;
        return result;
    }
    if ticket.voided_at.is_some() {
        result.conflict = true;
        return result;
    }
    match ticket.checked_in_at {
        None => {
            ticket.checked_in_at = Some(scan.scanned_at);
            result.outcome = ScanOutcome::Admitted;
        }
        // Admitted later elsewhere: this scan was first, so it is the admission.
        Some(at) if scan.scanned_at < at => {
            ticket.checked_in_at = Some(scan.scanned_at);
            result.outcome = ScanOutcome::Admitted;
            result.conflict = true;
        }
        Some(_) => {
            result.outcome = ScanOutcome::AlreadyCheckedIn;
            result.conflict = true;
        }
    }
    result.checked_in_at = ticket.checked_in_at;
    result
}
