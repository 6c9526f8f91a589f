// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct OwnsBookingParams {
    pub booking_id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct OwnedTicketParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct CheckInParams {
    pub staff_id: i64,
    pub id: i64,
    pub screening_id: i64,
    pub opens_minutes: i32,
}
#[derive(Clone, Copy, Debug)]
pub struct DoorStateParams {
    pub staff_id: i64,
    pub opens_minutes: i32,
    pub screening_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct CheckinListChangesParams {
    pub screening_id: i64,
    pub after: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub id: i64,
    pub booking_id: i64,
    pub screening_id: i64,
    pub seat_label: String,
    pub ticket_type: crate::types::TicketType,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub voided_at: Option<chrono::DateTime<chrono::Utc>>,
}
pub struct TicketBorrowed<'a> {
    pub id: i64,
    pub booking_id: i64,
    pub screening_id: i64,
    pub seat_label: &'a str,
    pub ticket_type: crate::types::TicketType,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub voided_at: Option<chrono::DateTime<chrono::Utc>>,
}
impl<'a> From<TicketBorrowed<'a>> for Ticket {
    fn from(
        TicketBorrowed {
            id,
            booking_id,
            screening_id,
            seat_label,
            ticket_type,
            checked_in_at,
            voided_at,
        }: TicketBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            booking_id,
            screening_id,
            seat_label: seat_label.into(),
            ticket_type,
            checked_in_at,
            voided_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct DoorState {
    pub allowed: bool,
    pub open: bool,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct TicketState {
    pub screening_id: i64,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub voided_at: Option<chrono::DateTime<chrono::Utc>>,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ScreeningCheckins {
    pub id: i64,
    pub sold: i32,
    pub admitted: i32,
}
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinListItem {
    pub id: i64,
    pub seat_label: String,
    pub ticket_type: crate::types::TicketType,
    pub voided: bool,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
}
pub struct CheckinListItemBorrowed<'a> {
    pub id: i64,
    pub seat_label: &'a str,
    pub ticket_type: crate::types::TicketType,
    pub voided: bool,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
}
impl<'a> From<CheckinListItemBorrowed<'a>> for CheckinListItem {
    fn from(
        CheckinListItemBorrowed {
            id,
            seat_label,
            ticket_type,
            voided,
            checked_in_at,
        }: CheckinListItemBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            seat_label: seat_label.into(),
            ticket_type,
            voided,
            checked_in_at,
        }
    }
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
pub struct TicketQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TicketBorrowed, tokio_postgres::Error>,
    mapper: fn(TicketBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TicketQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TicketBorrowed) -> R) -> TicketQuery<'c, 'a, 's, C, R, N> {
        TicketQuery {
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
pub struct DoorStateQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<DoorState, tokio_postgres::Error>,
    mapper: fn(DoorState) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> DoorStateQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(DoorState) -> R) -> DoorStateQuery<'c, 'a, 's, C, R, N> {
        DoorStateQuery {
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
pub struct TicketStateQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TicketState, tokio_postgres::Error>,
    mapper: fn(TicketState) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TicketStateQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TicketState) -> R) -> TicketStateQuery<'c, 'a, 's, C, R, N> {
        TicketStateQuery {
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
pub struct ScreeningCheckinsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ScreeningCheckins, tokio_postgres::Error>,
    mapper: fn(ScreeningCheckins) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ScreeningCheckinsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ScreeningCheckins) -> R,
    ) -> ScreeningCheckinsQuery<'c, 'a, 's, C, R, N> {
        ScreeningCheckinsQuery {
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
pub struct I64Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i64, tokio_postgres::Error>,
    mapper: fn(i64) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I64Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i64) -> R) -> I64Query<'c, 'a, 's, C, R, N> {
        I64Query {
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
pub struct CheckinListItemQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CheckinListItemBorrowed, tokio_postgres::Error>,
    mapper: fn(CheckinListItemBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CheckinListItemQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(CheckinListItemBorrowed) -> R,
    ) -> CheckinListItemQuery<'c, 'a, 's, C, R, N> {
        CheckinListItemQuery {
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
pub struct IssueTicketsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn issue_tickets() -> IssueTicketsStmt {
    IssueTicketsStmt(
        "INSERT INTO tickets (booking_id, row_index, number, screening_id, seat_label, ticket_type) SELECT booking_id, row_index, number, screening_id, seat_label, ticket_type FROM booking_items WHERE booking_id = $1 AND released_at IS NULL ORDER BY row_index, number",
        None,
    )
}
impl IssueTicketsStmt {
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
        booking_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[booking_id]).await
    }
}
pub struct OwnsBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn owns_booking() -> OwnsBookingStmt {
    OwnsBookingStmt(
        "SELECT EXISTS (SELECT 1 FROM bookings WHERE id = $1 AND user_id = $2)",
        None,
    )
}
impl OwnsBookingStmt {
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
        booking_id: &'a i64,
        user_id: &'a i64,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 2> {
        BoolQuery {
            client,
            params: [booking_id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OwnsBookingParams,
        BoolQuery<'c, 'a, 's, C, bool, 2>,
        C,
    > for OwnsBookingStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OwnsBookingParams,
    ) -> BoolQuery<'c, 'a, 's, C, bool, 2> {
        self.bind(client, &params.booking_id, &params.user_id)
    }
}
pub struct BookingTicketsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn booking_tickets() -> BookingTicketsStmt {
    BookingTicketsStmt(
        "SELECT id, booking_id, screening_id, seat_label, ticket_type, checked_in_at, voided_at FROM tickets WHERE booking_id = $1 ORDER BY row_index, number",
        None,
    )
}
impl BookingTicketsStmt {
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
        booking_id: &'a i64,
    ) -> TicketQuery<'c, 'a, 's, C, Ticket, 1> {
        TicketQuery {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TicketBorrowed, tokio_postgres::Error> {
                    Ok(TicketBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        screening_id: row.try_get(2)?,
                        seat_label: row.try_get(3)?,
                        ticket_type: row.try_get(4)?,
                        checked_in_at: row.try_get(5)?,
                        voided_at: row.try_get(6)?,
                    })
                },
            mapper: |it| Ticket::from(it),
        }
    }
}
pub struct OwnedTicketStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn owned_ticket() -> OwnedTicketStmt {
    OwnedTicketStmt(
        "SELECT t.id, t.booking_id, t.screening_id, t.seat_label, t.ticket_type, t.checked_in_at, t.voided_at FROM tickets t JOIN bookings b ON b.id = t.booking_id WHERE t.id = $1 AND b.user_id = $2",
        None,
    )
}
impl OwnedTicketStmt {
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
        id: &'a i64,
        user_id: &'a i64,
    ) -> TicketQuery<'c, 'a, 's, C, Ticket, 2> {
        TicketQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TicketBorrowed, tokio_postgres::Error> {
                    Ok(TicketBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        screening_id: row.try_get(2)?,
                        seat_label: row.try_get(3)?,
                        ticket_type: row.try_get(4)?,
                        checked_in_at: row.try_get(5)?,
                        voided_at: row.try_get(6)?,
                    })
                },
            mapper: |it| Ticket::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OwnedTicketParams,
        TicketQuery<'c, 'a, 's, C, Ticket, 2>,
        C,
    > for OwnedTicketStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OwnedTicketParams,
    ) -> TicketQuery<'c, 'a, 's, C, Ticket, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct CheckInStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn check_in() -> CheckInStmt {
    CheckInStmt(
        "UPDATE tickets t SET checked_in_at = now(), checked_in_by = $1 FROM screenings s WHERE t.id = $2 AND t.screening_id = $3 AND t.voided_at IS NULL AND t.checked_in_at IS NULL AND s.id = t.screening_id AND now() >= s.starts_at - make_interval(mins => $4) AND now() < s.ends_at AND (EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.role = 'admin') OR EXISTS (SELECT 1 FROM staff_theaters st WHERE st.user_id = $1 AND st.theater_id = s.theater_id)) RETURNING t.id, t.booking_id, t.screening_id, t.seat_label, t.ticket_type, t.checked_in_at, t.voided_at",
        None,
    )
}
impl CheckInStmt {
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
        staff_id: &'a i64,
        id: &'a i64,
        screening_id: &'a i64,
        opens_minutes: &'a i32,
    ) -> TicketQuery<'c, 'a, 's, C, Ticket, 4> {
        TicketQuery {
            client,
            params: [staff_id, id, screening_id, opens_minutes],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TicketBorrowed, tokio_postgres::Error> {
                    Ok(TicketBorrowed {
                        id: row.try_get(0)?,
                        booking_id: row.try_get(1)?,
                        screening_id: row.try_get(2)?,
                        seat_label: row.try_get(3)?,
                        ticket_type: row.try_get(4)?,
                        checked_in_at: row.try_get(5)?,
                        voided_at: row.try_get(6)?,
                    })
                },
            mapper: |it| Ticket::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        CheckInParams,
        TicketQuery<'c, 'a, 's, C, Ticket, 4>,
        C,
    > for CheckInStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CheckInParams,
    ) -> TicketQuery<'c, 'a, 's, C, Ticket, 4> {
        self.bind(
            client,
            &params.staff_id,
            &params.id,
            &params.screening_id,
            &params.opens_minutes,
        )
    }
}
pub struct DoorStateStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn door_state() -> DoorStateStmt {
    DoorStateStmt(
        "SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.role = 'admin') OR EXISTS (SELECT 1 FROM staff_theaters st WHERE st.user_id = $1 AND st.theater_id = s.theater_id) AS allowed, now() >= s.starts_at - make_interval(mins => $2) AND now() < s.ends_at AS open, s.starts_at, s.ends_at FROM screenings s WHERE s.id = $3",
        None,
    )
}
impl DoorStateStmt {
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
        staff_id: &'a i64,
        opens_minutes: &'a i32,
        screening_id: &'a i64,
    ) -> DoorStateQuery<'c, 'a, 's, C, DoorState, 3> {
        DoorStateQuery {
            client,
            params: [staff_id, opens_minutes, screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<DoorState, tokio_postgres::Error> {
                Ok(DoorState {
                    allowed: row.try_get(0)?,
                    open: row.try_get(1)?,
                    starts_at: row.try_get(2)?,
                    ends_at: row.try_get(3)?,
                })
            },
            mapper: |it| DoorState::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        DoorStateParams,
        DoorStateQuery<'c, 'a, 's, C, DoorState, 3>,
        C,
    > for DoorStateStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a DoorStateParams,
    ) -> DoorStateQuery<'c, 'a, 's, C, DoorState, 3> {
        self.bind(
            client,
            &params.staff_id,
            &params.opens_minutes,
            &params.screening_id,
        )
    }
}
pub struct TicketStateStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn ticket_state() -> TicketStateStmt {
    TicketStateStmt(
        "SELECT screening_id, checked_in_at, voided_at FROM tickets WHERE id = $1",
        None,
    )
}
impl TicketStateStmt {
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
        id: &'a i64,
    ) -> TicketStateQuery<'c, 'a, 's, C, TicketState, 1> {
        TicketStateQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<TicketState, tokio_postgres::Error> {
                Ok(TicketState {
                    screening_id: row.try_get(0)?,
                    checked_in_at: row.try_get(1)?,
                    voided_at: row.try_get(2)?,
                })
            },
            mapper: |it| TicketState::from(it),
        }
    }
}
pub struct ScreeningCheckinsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn screening_checkins() -> ScreeningCheckinsStmt {
    ScreeningCheckinsStmt(
        "SELECT s.id, count(t.id) FILTER (WHERE t.voided_at IS NULL)::int AS sold, count(t.checked_in_at)::int AS admitted FROM screenings s LEFT JOIN tickets t ON t.screening_id = s.id WHERE s.id = $1 GROUP BY s.id",
        None,
    )
}
impl ScreeningCheckinsStmt {
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
    ) -> ScreeningCheckinsQuery<'c, 'a, 's, C, ScreeningCheckins, 1> {
        ScreeningCheckinsQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningCheckins, tokio_postgres::Error> {
                    Ok(ScreeningCheckins {
                        id: row.try_get(0)?,
                        sold: row.try_get(1)?,
                        admitted: row.try_get(2)?,
                    })
                },
            mapper: |it| ScreeningCheckins::from(it),
        }
    }
}
pub struct CheckinListCursorStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn checkin_list_cursor() -> CheckinListCursorStmt {
    CheckinListCursorStmt(
        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin",
        None,
    )
}
impl CheckinListCursorStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 0> {
        I64Query {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct CheckinListStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn checkin_list() -> CheckinListStmt {
    CheckinListStmt(
        "SELECT id, seat_label, ticket_type, voided_at IS NOT NULL AS voided, checked_in_at FROM tickets WHERE screening_id = $1 ORDER BY id",
        None,
    )
}
impl CheckinListStmt {
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
    ) -> CheckinListItemQuery<'c, 'a, 's, C, CheckinListItem, 1> {
        CheckinListItemQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<CheckinListItemBorrowed, tokio_postgres::Error> {
                Ok(CheckinListItemBorrowed {
                    id: row.try_get(0)?,
                    seat_label: row.try_get(1)?,
                    ticket_type: row.try_get(2)?,
                    voided: row.try_get(3)?,
                    checked_in_at: row.try_get(4)?,
                })
            },
            mapper: |it| CheckinListItem::from(it),
        }
    }
}
pub struct CheckinListChangesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn checkin_list_changes() -> CheckinListChangesStmt {
    CheckinListChangesStmt(
        "SELECT id, seat_label, ticket_type, voided_at IS NOT NULL AS voided, checked_in_at FROM tickets WHERE screening_id = $1 AND changed_xid >= $2::bigint::text::xid8 ORDER BY id",
        None,
    )
}
impl CheckinListChangesStmt {
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
        after: &'a i64,
    ) -> CheckinListItemQuery<'c, 'a, 's, C, CheckinListItem, 2> {
        CheckinListItemQuery {
            client,
            params: [screening_id, after],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<CheckinListItemBorrowed, tokio_postgres::Error> {
                Ok(CheckinListItemBorrowed {
                    id: row.try_get(0)?,
                    seat_label: row.try_get(1)?,
                    ticket_type: row.try_get(2)?,
                    voided: row.try_get(3)?,
                    checked_in_at: row.try_get(4)?,
                })
            },
            mapper: |it| CheckinListItem::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        CheckinListChangesParams,
        CheckinListItemQuery<'c, 'a, 's, C, CheckinListItem, 2>,
        C,
    > for CheckinListChangesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CheckinListChangesParams,
    ) -> CheckinListItemQuery<'c, 'a, 's, C, CheckinListItem, 2> {
        self.bind(client, &params.screening_id, &params.after)
    }
}
