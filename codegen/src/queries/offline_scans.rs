// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct StoredScansParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
> {
    pub scanner_id: T1,
    pub nonces: T3,
}
#[derive(Clone, Copy, Debug)]
pub struct AdmitScannedParams {
    pub at: chrono::DateTime<chrono::Utc>,
    pub staff_id: i64,
    pub id: i64,
}
#[derive(Debug)]
pub struct RecordScansParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::ArraySql<Item = i64>,
    T5: crate::ArraySql<Item = Option<i64>>,
    T6: crate::ArraySql<Item = chrono::DateTime<chrono::Utc>>,
    T7: crate::ArraySql<Item = crate::types::ScanOutcome>,
    T8: crate::ArraySql<Item = Option<chrono::DateTime<chrono::Utc>>>,
    T9: crate::ArraySql<Item = bool>,
> {
    pub scanner_id: T1,
    pub staff_id: i64,
    pub nonces: T3,
    pub screening_ids: T4,
    pub ticket_ids: T5,
    pub scanned_at: T6,
    pub outcomes: T7,
    pub checked_in_at: T8,
    pub conflicts: T9,
}
#[derive(Debug, Clone, PartialEq)]
pub struct StoredScan {
    pub nonce: String,
    pub outcome: crate::types::ScanOutcome,
    pub ticket_id: Option<i64>,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub conflict: bool,
}
pub struct StoredScanBorrowed<'a> {
    pub nonce: &'a str,
    pub outcome: crate::types::ScanOutcome,
    pub ticket_id: Option<i64>,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub conflict: bool,
}
impl<'a> From<StoredScanBorrowed<'a>> for StoredScan {
    fn from(
        StoredScanBorrowed {
            nonce,
            outcome,
            ticket_id,
            checked_in_at,
            conflict,
        }: StoredScanBorrowed<'a>,
    ) -> Self {
        Self {
            nonce: nonce.into(),
            outcome,
            ticket_id,
            checked_in_at,
            conflict,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ScannedTicket {
    pub id: i64,
    pub screening_id: i64,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub voided_at: Option<chrono::DateTime<chrono::Utc>>,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct BoolQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<bool, tokio_postgres::Error>,
    mapper: fn(bool) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BoolQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(bool) -> R) -> BoolQuery<'c, 'a, 's, C, R, N> {
        BoolQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct StoredScanQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<StoredScanBorrowed, tokio_postgres::Error>,
    mapper: fn(StoredScanBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StoredScanQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(StoredScanBorrowed) -> R,
    ) -> StoredScanQuery<'c, 'a, 's, C, R, N> {
        StoredScanQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct ScannedTicketQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ScannedTicket, tokio_postgres::Error>,
    mapper: fn(ScannedTicket) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ScannedTicketQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ScannedTicket) -> R) -> ScannedTicketQuery<'c, 'a, 's, C, R, N> {
        ScannedTicketQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct LockScannerStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_scanner() -> LockScannerStmt {
    LockScannerStmt(
        "SELECT true AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))",
        None,
    )
}
impl LockScannerStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        scanner_id: &'a T1,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 1> {
        BoolQuery {
            client,
            params: [scanner_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct StoredScansStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn stored_scans() -> StoredScansStmt {
    StoredScansStmt(
        "SELECT nonce, outcome, ticket_id, checked_in_at, conflict FROM checkin_scans WHERE scanner_id = $1 AND nonce = ANY ($2::text[])",
        None,
    )
}
impl StoredScansStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::ArraySql<Item = T2>,
    >(
        &'s self,
        client: &'c C,
        scanner_id: &'a T1,
        nonces: &'a T3,
    ) -> StoredScanQuery<'c, 'a, 's, C, StoredScan, 2> {
        StoredScanQuery {
            client,
            params: [scanner_id, nonces],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<StoredScanBorrowed, tokio_postgres::Error> {
                    Ok(StoredScanBorrowed {
                        nonce: row.try_get(0)?,
                        outcome: row.try_get(1)?,
                        ticket_id: row.try_get(2)?,
                        checked_in_at: row.try_get(3)?,
                        conflict: row.try_get(4)?,
                    })
                },
            mapper: |it| StoredScan::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        StoredScansParams<T1, T2, T3>,
        StoredScanQuery<'c, 'a, 's, C, StoredScan, 2>,
        C,
    > for StoredScansStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a StoredScansParams<T1, T2, T3>,
    ) -> StoredScanQuery<'c, 'a, 's, C, StoredScan, 2> {
        self.bind(client, &params.scanner_id, &params.nonces)
    }
}
pub struct LockScannedTicketsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_scanned_tickets() -> LockScannedTicketsStmt {
    LockScannedTicketsStmt(
        "SELECT id, screening_id, checked_in_at, voided_at FROM tickets WHERE id = ANY ($1::bigint[]) ORDER BY id FOR UPDATE",
        None,
    )
}
impl LockScannedTicketsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        ids: &'a T1,
    ) -> ScannedTicketQuery<'c, 'a, 's, C, ScannedTicket, 1> {
        ScannedTicketQuery {
            client,
            params: [ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<ScannedTicket, tokio_postgres::Error> {
                Ok(ScannedTicket {
                    id: row.try_get(0)?,
                    screening_id: row.try_get(1)?,
                    checked_in_at: row.try_get(2)?,
                    voided_at: row.try_get(3)?,
                })
            },
            mapper: |it| ScannedTicket::from(it),
        }
    }
}
pub struct AdmitScannedStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn admit_scanned() -> AdmitScannedStmt {
    AdmitScannedStmt(
        "UPDATE tickets SET checked_in_at = $1, checked_in_by = $2 WHERE id = $3",
        None,
    )
}
impl AdmitScannedStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        at: &'a chrono::DateTime<chrono::Utc>,
        staff_id: &'a i64,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[at, staff_id, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        AdmitScannedParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for AdmitScannedStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a AdmitScannedParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.at, &params.staff_id, &params.id))
    }
}
pub struct RecordScansStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn record_scans() -> RecordScansStmt {
    RecordScansStmt(
        "INSERT INTO checkin_scans (scanner_id, nonce, staff_id, screening_id, ticket_id, scanned_at, outcome, checked_in_at, conflict) SELECT $1, s.nonce, $2, s.screening_id, s.ticket_id, s.scanned_at, s.outcome, s.checked_in_at, s.conflict FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::scan_outcome[], $8::timestamptz[], $9::boolean[]) AS s (nonce, screening_id, ticket_id, scanned_at, outcome, checked_in_at, conflict)",
        None,
    )
}
impl RecordScansStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::ArraySql<Item = T2>,
        T4: crate::ArraySql<Item = i64>,
        T5: crate::ArraySql<Item = Option<i64>>,
        T6: crate::ArraySql<Item = chrono::DateTime<chrono::Utc>>,
        T7: crate::ArraySql<Item = crate::types::ScanOutcome>,
        T8: crate::ArraySql<Item = Option<chrono::DateTime<chrono::Utc>>>,
        T9: crate::ArraySql<Item = bool>,
    >(
        &'s self,
        client: &'c C,
        scanner_id: &'a T1,
        staff_id: &'a i64,
        nonces: &'a T3,
        screening_ids: &'a T4,
        ticket_ids: &'a T5,
        scanned_at: &'a T6,
        outcomes: &'a T7,
        checked_in_at: &'a T8,
        conflicts: &'a T9,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(
                self.0,
                &[
                    scanner_id,
                    staff_id,
                    nonces,
                    screening_ids,
                    ticket_ids,
                    scanned_at,
                    outcomes,
                    checked_in_at,
                    conflicts,
                ],
            )
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = T2>,
    T4: crate::ArraySql<Item = i64>,
    T5: crate::ArraySql<Item = Option<i64>>,
    T6: crate::ArraySql<Item = chrono::DateTime<chrono::Utc>>,
    T7: crate::ArraySql<Item = crate::types::ScanOutcome>,
    T8: crate::ArraySql<Item = Option<chrono::DateTime<chrono::Utc>>>,
    T9: crate::ArraySql<Item = bool>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        RecordScansParams<T1, T2, T3, T4, T5, T6, T7, T8, T9>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for RecordScansStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a RecordScansParams<T1, T2, T3, T4, T5, T6, T7, T8, T9>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.scanner_id,
            &params.staff_id,
            &params.nonces,
            &params.screening_ids,
            &params.ticket_ids,
            &params.scanned_at,
            &params.outcomes,
            &params.checked_in_at,
            &params.conflicts,
        ))
    }
}
