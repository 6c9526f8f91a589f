// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct CurrenciesSoldParams {
    pub since: chrono::DateTime<chrono::Utc>,
    pub until: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug)]
pub struct SalesReportParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub group_by: T1,
    pub currency: T2,
    pub since: chrono::DateTime<chrono::Utc>,
    pub until: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug)]
pub struct FilmHireReportParams<T1: crate::StringSql> {
    pub currency: T1,
    pub since: chrono::DateTime<chrono::Utc>,
    pub until: chrono::DateTime<chrono::Utc>,
}
#[derive(Clone, Copy, Debug)]
pub struct ScreeningCurrenciesParams {
    pub since: chrono::DateTime<chrono::Utc>,
    pub until: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct SalesRow {
    pub key: String,
    pub label: String,
    pub tickets: i64,
    pub gross: i64,
    pub discounts: i64,
    pub refunds: i64,
}
pub struct SalesRowBorrowed<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub tickets: i64,
    pub gross: i64,
    pub discounts: i64,
    pub refunds: i64,
}
impl<'a> From<SalesRowBorrowed<'a>> for SalesRow {
    fn from(
        SalesRowBorrowed {
            key,
            label,
            tickets,
            gross,
            discounts,
            refunds,
        }: SalesRowBorrowed<'a>,
    ) -> Self {
        Self {
            key: key.into(),
            label: label.into(),
            tickets,
            gross,
            discounts,
            refunds,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct ScreeningFigures {
    pub id: i64,
    pub capacity: i32,
    pub currency: String,
    pub sold: i32,
    pub held: i32,
    pub checked_in: i32,
    pub gross: i64,
    pub discounts: i64,
    pub refunds: i64,
    pub sold_net: i32,
}
pub struct ScreeningFiguresBorrowed<'a> {
    pub id: i64,
    pub capacity: i32,
    pub currency: &'a str,
    pub sold: i32,
    pub held: i32,
    pub checked_in: i32,
    pub gross: i64,
    pub discounts: i64,
    pub refunds: i64,
    pub sold_net: i32,
}
impl<'a> From<ScreeningFiguresBorrowed<'a>> for ScreeningFigures {
    fn from(
        ScreeningFiguresBorrowed {
            id,
            capacity,
            currency,
            sold,
            held,
            checked_in,
            gross,
            discounts,
            refunds,
            sold_net,
        }: ScreeningFiguresBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            capacity,
            currency: currency.into(),
            sold,
            held,
            checked_in,
            gross,
            discounts,
            refunds,
            sold_net,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct TicketTypeFigures {
    pub ticket_type: crate::types::TicketType,
    pub tickets: i32,
    pub net: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct FilmHireRow {
    pub movie_id: i64,
    pub title: String,
    pub week: String,
    pub screenings: i32,
    pub tickets: i64,
    pub net: i64,
    pub percent_hundredths: Option<i32>,
    pub minimum_per_screening: Option<i64>,
}
pub struct FilmHireRowBorrowed<'a> {
    pub movie_id: i64,
    pub title: &'a str,
    pub week: &'a str,
    pub screenings: i32,
    pub tickets: i64,
    pub net: i64,
    pub percent_hundredths: Option<i32>,
    pub minimum_per_screening: Option<i64>,
}
impl<'a> From<FilmHireRowBorrowed<'a>> for FilmHireRow {
    fn from(
        FilmHireRowBorrowed {
            movie_id,
            title,
            week,
            screenings,
            tickets,
            net,
            percent_hundredths,
            minimum_per_screening,
        }: FilmHireRowBorrowed<'a>,
    ) -> Self {
        Self {
            movie_id,
            title: title.into(),
            week: week.into(),
            screenings,
            tickets,
            net,
            percent_hundredths,
            minimum_per_screening,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct StringQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<&str, tokio_postgres::Error>,
    mapper: fn(&str) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StringQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(&str) -> R) -> StringQuery<'c, 'a, 's, C, R, N> {
        StringQuery {
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
pub struct SalesRowQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<SalesRowBorrowed, tokio_postgres::Error>,
    mapper: fn(SalesRowBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SalesRowQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(SalesRowBorrowed) -> R) -> SalesRowQuery<'c, 'a, 's, C, R, N> {
        SalesRowQuery {
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
pub struct ScreeningFiguresQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ScreeningFiguresBorrowed, tokio_postgres::Error>,
    mapper: fn(ScreeningFiguresBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ScreeningFiguresQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ScreeningFiguresBorrowed) -> R,
    ) -> ScreeningFiguresQuery<'c, 'a, 's, C, R, N> {
        ScreeningFiguresQuery {
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
pub struct TicketTypeFiguresQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TicketTypeFigures, tokio_postgres::Error>,
    mapper: fn(TicketTypeFigures) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TicketTypeFiguresQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(TicketTypeFigures) -> R,
    ) -> TicketTypeFiguresQuery<'c, 'a, 's, C, R, N> {
        TicketTypeFiguresQuery {
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
pub struct FilmHireRowQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<FilmHireRowBorrowed, tokio_postgres::Error>,
    mapper: fn(FilmHireRowBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> FilmHireRowQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(FilmHireRowBorrowed) -> R,
    ) -> FilmHireRowQuery<'c, 'a, 's, C, R, N> {
        FilmHireRowQuery {
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
pub struct CurrenciesSoldStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn currencies_sold() -> CurrenciesSoldStmt {
    CurrenciesSoldStmt(
        "SELECT DISTINCT currency FROM sales WHERE at >= $1 AND at < $2 ORDER BY currency",
        None,
    )
}
impl CurrenciesSoldStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        since: &'a chrono::DateTime<chrono::Utc>,
        until: &'a chrono::DateTime<chrono::Utc>,
    ) -> StringQuery<'c, 'a, 's, C, String, 2> {
        StringQuery {
            client,
            params: [since, until],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.into(),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        CurrenciesSoldParams,
        StringQuery<'c, 'a, 's, C, String, 2>,
        C,
    > for CurrenciesSoldStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CurrenciesSoldParams,
    ) -> StringQuery<'c, 'a, 's, C, String, 2> {
        self.bind(client, &params.since, &params.until)
    }
}
pub struct SalesReportStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn sales_report() -> SalesReportStmt {
    SalesReportStmt(
        "WITH grouped AS ( SELECT CASE $1::text WHEN 'day' THEN to_char(f.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') WHEN 'movie' THEN f.movie_id::text WHEN 'screening' THEN f.screening_id::text WHEN 'theater' THEN f.theater_id::text WHEN 'ticket_type' THEN f.ticket_type::text ELSE f.payment_method::text END AS key, sum(f.tickets)::bigint AS tickets, sum(f.gross)::bigint AS gross, sum(f.discount)::bigint AS discounts, sum(f.refund)::bigint AS refunds FROM sales f WHERE f.currency = $2 AND f.at >= $3 AND f.at < $4 GROUP BY 1 ) SELECT g.key, coalesce(CASE $1::text WHEN 'movie' THEN (SELECT m.title FROM movies m WHERE m.id = g.key::bigint) WHEN 'theater' THEN (SELECT t.name FROM theaters t WHERE t.id = g.key::bigint) WHEN 'screening' THEN ( SELECT m.title || ', ' || t.name || ', ' || to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' FROM screenings s JOIN movies m ON m.id = s.movie_id JOIN theaters t ON t.id = s.theater_id WHERE s.id = g.key::bigint) END, g.key) AS label, g.tickets, g.gross, g.discounts, g.refunds FROM grouped g ORDER BY CASE WHEN $1::text IN ('movie', 'screening', 'theater') THEN lpad(g.key, 20, '0') ELSE g.key END",
        None,
    )
}
impl SalesReportStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        group_by: &'a T1,
        currency: &'a T2,
        since: &'a chrono::DateTime<chrono::Utc>,
        until: &'a chrono::DateTime<chrono::Utc>,
    ) -> SalesRowQuery<'c, 'a, 's, C, SalesRow, 4> {
        SalesRowQuery {
            client,
            params: [group_by, currency, since, until],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SalesRowBorrowed, tokio_postgres::Error> {
                    Ok(SalesRowBorrowed {
                        key: row.try_get(0)?,
                        label: row.try_get(1)?,
                        tickets: row.try_get(2)?,
                        gross: row.try_get(3)?,
                        discounts: row.try_get(4)?,
                        refunds: row.try_get(5)?,
                    })
                },
            mapper: |it| SalesRow::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        SalesReportParams<T1, T2>,
        SalesRowQuery<'c, 'a, 's, C, SalesRow, 4>,
        C,
    > for SalesReportStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a SalesReportParams<T1, T2>,
    ) -> SalesRowQuery<'c, 'a, 's, C, SalesRow, 4> {
        self.bind(
            client,
            &params.group_by,
            &params.currency,
            &params.since,
            &params.until,
        )
    }
}
pub struct ScreeningFiguresStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn screening_figures() -> ScreeningFiguresStmt {
    ScreeningFiguresStmt(
        "SELECT s.id, s.total_seats AS capacity, s.currency, (SELECT count(*) FROM screening_seats x WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL AND x.held_until IS NULL )::int AS sold, (SELECT count(*) FROM screening_seats x WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL AND x.held_until > now() )::int AS held, (SELECT count(*) FROM tickets k WHERE k.screening_id = s.id AND k.checked_in_at IS NOT NULL AND k.voided_at IS NULL )::int AS checked_in, coalesce(f.gross, 0)::bigint AS gross, coalesce(f.discounts, 0)::bigint AS discounts, coalesce(f.refunds, 0)::bigint AS refunds, coalesce(f.tickets, 0)::int AS sold_net FROM screenings s LEFT JOIN LATERAL ( SELECT sum(gross) AS gross, sum(discount) AS discounts, sum(refund) AS refunds, sum(tickets) AS tickets FROM sales WHERE screening_id = s.id ) f ON true WHERE s.id = $1",
        None,
    )
}
impl ScreeningFiguresStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        screening_id: &'a i64,
    ) -> ScreeningFiguresQuery<'c, 'a, 's, C, ScreeningFigures, 1> {
        ScreeningFiguresQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<ScreeningFiguresBorrowed, tokio_postgres::Error> {
                Ok(ScreeningFiguresBorrowed {
                    id: row.try_get(0)?,
                    capacity: row.try_get(1)?,
                    currency: row.try_get(2)?,
                    sold: row.try_get(3)?,
                    held: row.try_get(4)?,
                    checked_in: row.try_get(5)?,
                    gross: row.try_get(6)?,
                    discounts: row.try_get(7)?,
                    refunds: row.try_get(8)?,
                    sold_net: row.try_get(9)?,
                })
            },
            mapper: |it| ScreeningFigures::from(it),
        }
    }
}
pub struct ScreeningTicketTypesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn screening_ticket_types() -> ScreeningTicketTypesStmt {
    ScreeningTicketTypesStmt(
        "SELECT ticket_type, sum(tickets)::int AS tickets, sum(gross - discount - refund)::bigint AS net FROM sales WHERE screening_id = $1 GROUP BY ticket_type ORDER BY ticket_type",
        None,
    )
}
impl ScreeningTicketTypesStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        screening_id: &'a i64,
    ) -> TicketTypeFiguresQuery<'c, 'a, 's, C, TicketTypeFigures, 1> {
        TicketTypeFiguresQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TicketTypeFigures, tokio_postgres::Error> {
                    Ok(TicketTypeFigures {
                        ticket_type: row.try_get(0)?,
                        tickets: row.try_get(1)?,
                        net: row.try_get(2)?,
                    })
                },
            mapper: |it| TicketTypeFigures::from(it),
        }
    }
}
pub struct FilmHireReportStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn film_hire_report() -> FilmHireReportStmt {
    FilmHireReportStmt(
        "SELECT s.movie_id, m.title, to_char(s.starts_at AT TIME ZONE 'UTC', 'IYYY-\"W\"IW') AS week, count(*)::int AS screenings, coalesce(sum(f.tickets), 0)::bigint AS tickets, coalesce(sum(f.net), 0)::bigint AS net, t.percent_hundredths, t.minimum_per_screening FROM screenings s JOIN movies m ON m.id = s.movie_id LEFT JOIN film_hire_terms t ON t.movie_id = s.movie_id LEFT JOIN LATERAL ( SELECT sum(tickets) AS tickets, sum(gross - discount - refund) AS net FROM sales WHERE screening_id = s.id ) f ON true WHERE s.currency = $1 AND s.starts_at >= $2 AND s.starts_at < $3 GROUP BY s.movie_id, m.title, 3, t.percent_hundredths, t.minimum_per_screening ORDER BY 3, s.movie_id",
        None,
    )
}
impl FilmHireReportStmt {
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
        currency: &'a T1,
        since: &'a chrono::DateTime<chrono::Utc>,
        until: &'a chrono::DateTime<chrono::Utc>,
    ) -> FilmHireRowQuery<'c, 'a, 's, C, FilmHireRow, 3> {
        FilmHireRowQuery {
            client,
            params: [currency, since, until],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<FilmHireRowBorrowed, tokio_postgres::Error> {
                    Ok(FilmHireRowBorrowed {
                        movie_id: row.try_get(0)?,
                        title: row.try_get(1)?,
                        week: row.try_get(2)?,
                        screenings: row.try_get(3)?,
                        tickets: row.try_get(4)?,
                        net: row.try_get(5)?,
                        percent_hundredths: row.try_get(6)?,
                        minimum_per_screening: row.try_get(7)?,
                    })
                },
            mapper: |it| FilmHireRow::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FilmHireReportParams<T1>,
        FilmHireRowQuery<'c, 'a, 's, C, FilmHireRow, 3>,
        C,
    > for FilmHireReportStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FilmHireReportParams<T1>,
    ) -> FilmHireRowQuery<'c, 'a, 's, C, FilmHireRow, 3> {
        self.bind(client, &params.currency, &params.since, &params.until)
    }
}
pub struct ScreeningCurrenciesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn screening_currencies() -> ScreeningCurrenciesStmt {
    ScreeningCurrenciesStmt(
        "SELECT DISTINCT currency FROM screenings WHERE starts_at >= $1 AND starts_at < $2 ORDER BY currency",
        None,
    )
}
impl ScreeningCurrenciesStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        since: &'a chrono::DateTime<chrono::Utc>,
        until: &'a chrono::DateTime<chrono::Utc>,
    ) -> StringQuery<'c, 'a, 's, C, String, 2> {
        StringQuery {
            client,
            params: [since, until],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it.into(),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ScreeningCurrenciesParams,
        StringQuery<'c, 'a, 's, C, String, 2>,
        C,
    > for ScreeningCurrenciesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ScreeningCurrenciesParams,
    ) -> StringQuery<'c, 'a, 's, C, String, 2> {
        self.bind(client, &params.since, &params.until)
    }
}
