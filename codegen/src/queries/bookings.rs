// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct BookableScreeningParams {
    pub screening_id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct CustomerHoldsParams {
    pub screening_id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListBookingsParams {
    pub user_id: i64,
    pub after: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct GetBookingParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct LockBookingParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Debug)]
pub struct ReleaseBookingSeatsParams<T1: crate::StringSql, T2: crate::ArraySql<Item = T1>> {
    pub booking_id: i64,
    pub seat_labels: T2,
}
#[derive(Debug, Clone, PartialEq)]
pub struct BookableScreening {
    pub id: i64,
    pub started: bool,
    pub price: i64,
    pub child_price: Option<i64>,
    pub senior_price: Option<i64>,
    pub student_price: Option<i64>,
    pub premium_surcharge: i64,
    pub currency: String,
    pub role: crate::types::UserRole,
}
pub struct BookableScreeningBorrowed<'a> {
    pub id: i64,
    pub started: bool,
    pub price: i64,
    pub child_price: Option<i64>,
    pub senior_price: Option<i64>,
    pub student_price: Option<i64>,
    pub premium_surcharge: i64,
    pub currency: &'a str,
    pub role: crate::types::UserRole,
}
impl<'a> From<BookableScreeningBorrowed<'a>> for BookableScreening {
    fn from(
        BookableScreeningBorrowed {
            id,
            started,
            price,
            child_price,
            senior_price,
            student_price,
            premium_surcharge,
            currency,
            role,
        }: BookableScreeningBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            started,
            price,
            child_price,
            senior_price,
            student_price,
            premium_surcharge,
            currency: currency.into(),
            role,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct SweptBooking {
    pub id: i64,
    pub screening_id: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct CustomerHolds {
    pub here: i32,
    pub total: i32,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub id: i64,
    pub user_id: i64,
    pub screening_id: i64,
    pub seats: i32,
    pub amount: i64,
    pub currency: String,
    pub status: crate::types::BookingStatus,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub seat_labels: Vec<String>,
    pub item_categories: Vec<crate::types::SeatCategory>,
    pub item_ticket_types: Vec<crate::types::TicketType>,
    pub item_amounts: Vec<i64>,
    pub item_discounts: Vec<i64>,
}
pub struct BookingBorrowed<'a> {
    pub id: i64,
    pub user_id: i64,
    pub screening_id: i64,
    pub seats: i32,
    pub amount: i64,
    pub currency: &'a str,
    pub status: crate::types::BookingStatus,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub seat_labels: crate::ArrayIterator<'a, &'a str>,
    pub item_categories: crate::ArrayIterator<'a, crate::types::SeatCategory>,
    pub item_ticket_types: crate::ArrayIterator<'a, crate::types::TicketType>,
    pub item_amounts: crate::ArrayIterator<'a, i64>,
    pub item_discounts: crate::ArrayIterator<'a, i64>,
}
impl<'a> From<BookingBorrowed<'a>> for Booking {
    fn from(
        BookingBorrowed {
            id,
            user_id,
            screening_id,
            seats,
            amount,
            currency,
            status,
            expires_at,
            created_at,
            seat_labels,
            item_categories,
            item_ticket_types,
            item_amounts,
            item_discounts,
        }: BookingBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            user_id,
            screening_id,
            seats,
            amount,
            currency: currency.into(),
            status,
            expires_at,
            created_at,
            seat_labels: seat_labels.map(|v| v.into()).collect(),
            item_categories: item_categories.map(|v| v).collect(),
            item_ticket_types: item_ticket_types.map(|v| v).collect(),
            item_amounts: item_amounts.map(|v| v).collect(),
            item_discounts: item_discounts.map(|v| v).collect(),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct LockedBooking {
    pub id: i64,
    pub screening_id: i64,
    pub seats: i32,
    pub amount: i64,
    pub currency: String,
    pub status: crate::types::BookingStatus,
    pub holding: bool,
    pub upcoming: bool,
    pub has_voucher: bool,
}
pub struct LockedBookingBorrowed<'a> {
    pub id: i64,
    pub screening_id: i64,
    pub seats: i32,
    pub amount: i64,
    pub currency: &'a str,
    pub status: crate::types::BookingStatus,
    pub holding: bool,
    pub upcoming: bool,
    pub has_voucher: bool,
}
impl<'a> From<LockedBookingBorrowed<'a>> for LockedBooking {
    fn from(
        LockedBookingBorrowed {
            id,
            screening_id,
            seats,
            amount,
            currency,
            status,
            holding,
            upcoming,
            has_voucher,
        }: LockedBookingBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            screening_id,
            seats,
            amount,
            currency: currency.into(),
            status,
            holding,
            upcoming,
            has_voucher,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ReleasedSeats {
    pub seats: i32,
    pub amount: i64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct BookableScreeningQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<BookableScreeningBorrowed, tokio_postgres::Error>,
    mapper: fn(BookableScreeningBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BookableScreeningQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(BookableScreeningBorrowed) -> R,
    ) -> BookableScreeningQuery<'c, 'a, 's, C, R, N> {
        BookableScreeningQuery {
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
pub struct SweptBookingQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<SweptBooking, tokio_postgres::Error>,
    mapper: fn(SweptBooking) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SweptBookingQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(SweptBooking) -> R) -> SweptBookingQuery<'c, 'a, 's, C, R, N> {
        SweptBookingQuery {
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
pub struct CustomerHoldsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CustomerHolds, tokio_postgres::Error>,
    mapper: fn(CustomerHolds) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CustomerHoldsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(CustomerHolds) -> R) -> CustomerHoldsQuery<'c, 'a, 's, C, R, N> {
        CustomerHoldsQuery {
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
pub struct BookingQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<BookingBorrowed, tokio_postgres::Error>,
    mapper: fn(BookingBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BookingQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(BookingBorrowed) -> R) -> BookingQuery<'c, 'a, 's, C, R, N> {
        BookingQuery {
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
pub struct LockedBookingQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LockedBookingBorrowed, tokio_postgres::Error>,
    mapper: fn(LockedBookingBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LockedBookingQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LockedBookingBorrowed) -> R,
    ) -> LockedBookingQuery<'c, 'a, 's, C, R, N> {
        LockedBookingQuery {
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
pub struct ReleasedSeatsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ReleasedSeats, tokio_postgres::Error>,
    mapper: fn(ReleasedSeats) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ReleasedSeatsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(ReleasedSeats) -> R) -> ReleasedSeatsQuery<'c, 'a, 's, C, R, N> {
        ReleasedSeatsQuery {
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
pub struct BookableScreeningStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn bookable_screening() -> BookableScreeningStmt {
    BookableScreeningStmt(
        "SELECT s.id, s.starts_at <= now() AS started, s.price, s.child_price, s.senior_price, s.student_price, s.premium_surcharge, s.currency, u.role FROM screenings s, users u WHERE s.id = $1 AND u.id = $2 FOR NO KEY UPDATE OF u",
        None,
    )
}
impl BookableScreeningStmt {
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
        user_id: &'a i64,
    ) -> BookableScreeningQuery<'c, 'a, 's, C, BookableScreening, 2> {
        BookableScreeningQuery {
            client,
            params: [screening_id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<BookableScreeningBorrowed, tokio_postgres::Error> {
                Ok(BookableScreeningBorrowed {
                    id: row.try_get(0)?,
                    started: row.try_get(1)?,
                    price: row.try_get(2)?,
                    child_price: row.try_get(3)?,
                    senior_price: row.try_get(4)?,
                    student_price: row.try_get(5)?,
                    premium_surcharge: row.try_get(6)?,
                    currency: row.try_get(7)?,
                    role: row.try_get(8)?,
                })
            },
            mapper: |it| BookableScreening::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        BookableScreeningParams,
        BookableScreeningQuery<'c, 'a, 's, C, BookableScreening, 2>,
        C,
    > for BookableScreeningStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a BookableScreeningParams,
    ) -> BookableScreeningQuery<'c, 'a, 's, C, BookableScreening, 2> {
        self.bind(client, &params.screening_id, &params.user_id)
    }
}
pub struct SweepExpiredHoldsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn sweep_expired_holds() -> SweepExpiredHoldsStmt {
    SweepExpiredHoldsStmt(
        "WITH lapsed AS ( SELECT id, screening_id FROM bookings WHERE status = 'pending' AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED ) SELECT e.id, l.screening_id FROM expire_bookings(ARRAY(SELECT id FROM lapsed)) AS e (id) JOIN lapsed l ON l.id = e.id",
        None,
    )
}
impl SweepExpiredHoldsStmt {
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
        batch: &'a i64,
    ) -> SweptBookingQuery<'c, 'a, 's, C, SweptBooking, 1> {
        SweptBookingQuery {
            client,
            params: [batch],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<SweptBooking, tokio_postgres::Error> {
                Ok(SweptBooking {
                    id: row.try_get(0)?,
                    screening_id: row.try_get(1)?,
                })
            },
            mapper: |it| SweptBooking::from(it),
        }
    }
}
pub struct ExpireLapsedHoldsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn expire_lapsed_holds() -> ExpireLapsedHoldsStmt {
    ExpireLapsedHoldsStmt(
        "SELECT id FROM expire_bookings(ARRAY( SELECT id FROM bookings WHERE screening_id = $1 AND status = 'pending' AND expires_at <= now() ORDER BY id FOR UPDATE)) AS id",
        None,
    )
}
impl ExpireLapsedHoldsStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct CustomerHoldsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn customer_holds() -> CustomerHoldsStmt {
    CustomerHoldsStmt(
        "SELECT coalesce(sum(seats) FILTER (WHERE screening_id = $1), 0)::int AS here, coalesce(sum(seats), 0)::int AS total FROM bookings WHERE user_id = $2 AND status = 'pending' AND expires_at > now()",
        None,
    )
}
impl CustomerHoldsStmt {
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
        user_id: &'a i64,
    ) -> CustomerHoldsQuery<'c, 'a, 's, C, CustomerHolds, 2> {
        CustomerHoldsQuery {
            client,
            params: [screening_id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<CustomerHolds, tokio_postgres::Error> {
                Ok(CustomerHolds {
                    here: row.try_get(0)?,
                    total: row.try_get(1)?,
                })
            },
            mapper: |it| CustomerHolds::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        CustomerHoldsParams,
        CustomerHoldsQuery<'c, 'a, 's, C, CustomerHolds, 2>,
        C,
    > for CustomerHoldsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CustomerHoldsParams,
    ) -> CustomerHoldsQuery<'c, 'a, 's, C, CustomerHolds, 2> {
        self.bind(client, &params.screening_id, &params.user_id)
    }
}
pub struct ListBookingsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_bookings() -> ListBookingsStmt {
    ListBookingsStmt(
        "SELECT id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at, seat_labels, item_categories, item_ticket_types, item_amounts, item_discounts FROM bookings_as_read WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl ListBookingsStmt {
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
        user_id: &'a i64,
        after: &'a i64,
        limit: &'a i64,
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 3> {
        BookingQuery {
            client,
            params: [user_id, after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<BookingBorrowed, tokio_postgres::Error> {
                    Ok(BookingBorrowed {
                        id: row.try_get(0)?,
                        user_id: row.try_get(1)?,
                        screening_id: row.try_get(2)?,
                        seats: row.try_get(3)?,
                        amount: row.try_get(4)?,
                        currency: row.try_get(5)?,
                        status: row.try_get(6)?,
                        expires_at: row.try_get(7)?,
                        created_at: row.try_get(8)?,
                        seat_labels: row.try_get(9)?,
                        item_categories: row.try_get(10)?,
                        item_ticket_types: row.try_get(11)?,
                        item_amounts: row.try_get(12)?,
                        item_discounts: row.try_get(13)?,
                    })
                },
            mapper: |it| Booking::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListBookingsParams,
        BookingQuery<'c, 'a, 's, C, Booking, 3>,
        C,
    > for ListBookingsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListBookingsParams,
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 3> {
        self.bind(client, &params.user_id, &params.after, &params.limit)
    }
}
pub struct GetBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_booking() -> GetBookingStmt {
    GetBookingStmt(
        "SELECT id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at, seat_labels, item_categories, item_ticket_types, item_amounts, item_discounts FROM bookings_as_read WHERE id = $1 AND user_id = $2",
        None,
    )
}
impl GetBookingStmt {
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
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 2> {
        BookingQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<BookingBorrowed, tokio_postgres::Error> {
                    Ok(BookingBorrowed {
                        id: row.try_get(0)?,
                        user_id: row.try_get(1)?,
                        screening_id: row.try_get(2)?,
                        seats: row.try_get(3)?,
                        amount: row.try_get(4)?,
                        currency: row.try_get(5)?,
                        status: row.try_get(6)?,
                        expires_at: row.try_get(7)?,
                        created_at: row.try_get(8)?,
                        seat_labels: row.try_get(9)?,
                        item_categories: row.try_get(10)?,
                        item_ticket_types: row.try_get(11)?,
                        item_amounts: row.try_get(12)?,
                        item_discounts: row.try_get(13)?,
                    })
                },
            mapper: |it| Booking::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetBookingParams,
        BookingQuery<'c, 'a, 's, C, Booking, 2>,
        C,
    > for GetBookingStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetBookingParams,
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct CancelBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn cancel_booking() -> CancelBookingStmt {
    CancelBookingStmt(
        "UPDATE bookings SET status = 'cancelled' WHERE id = $1 AND status = 'pending' AND expires_at > now() RETURNING id",
        None,
    )
}
impl CancelBookingStmt {
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
    ) -> I64Query<'c, 'a, 's, C, i64, 1> {
        I64Query {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct LockBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_booking() -> LockBookingStmt {
    LockBookingStmt(
        "SELECT b.id, b.screening_id, b.seats, b.amount, b.currency, b.status, b.expires_at > now() AS holding, s.starts_at > now() AS upcoming, b.voucher_id IS NOT NULL AS has_voucher FROM bookings b JOIN screenings s ON s.id = b.screening_id WHERE b.id = $1 AND b.user_id = $2 FOR NO KEY UPDATE OF b",
        None,
    )
}
impl LockBookingStmt {
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
    ) -> LockedBookingQuery<'c, 'a, 's, C, LockedBooking, 2> {
        LockedBookingQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LockedBookingBorrowed, tokio_postgres::Error> {
                    Ok(LockedBookingBorrowed {
                        id: row.try_get(0)?,
                        screening_id: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        status: row.try_get(5)?,
                        holding: row.try_get(6)?,
                        upcoming: row.try_get(7)?,
                        has_voucher: row.try_get(8)?,
                    })
                },
            mapper: |it| LockedBooking::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockBookingParams,
        LockedBookingQuery<'c, 'a, 's, C, LockedBooking, 2>,
        C,
    > for LockBookingStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockBookingParams,
    ) -> LockedBookingQuery<'c, 'a, 's, C, LockedBooking, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct LockBookingByIdStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_booking_by_id() -> LockBookingByIdStmt {
    LockBookingByIdStmt(
        "SELECT b.id, b.screening_id, b.seats, b.amount, b.currency, b.status, b.expires_at > now() AS holding, s.starts_at > now() AS upcoming, b.voucher_id IS NOT NULL AS has_voucher FROM bookings b JOIN screenings s ON s.id = b.screening_id WHERE b.id = $1 FOR NO KEY UPDATE OF b",
        None,
    )
}
impl LockBookingByIdStmt {
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
    ) -> LockedBookingQuery<'c, 'a, 's, C, LockedBooking, 1> {
        LockedBookingQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LockedBookingBorrowed, tokio_postgres::Error> {
                    Ok(LockedBookingBorrowed {
                        id: row.try_get(0)?,
                        screening_id: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        status: row.try_get(5)?,
                        holding: row.try_get(6)?,
                        upcoming: row.try_get(7)?,
                        has_voucher: row.try_get(8)?,
                    })
                },
            mapper: |it| LockedBooking::from(it),
        }
    }
}
pub struct ConfirmBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn confirm_booking() -> ConfirmBookingStmt {
    ConfirmBookingStmt(
        "UPDATE bookings SET status = 'confirmed' WHERE id = $1 AND status = 'pending' AND expires_at > now()",
        None,
    )
}
impl ConfirmBookingStmt {
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
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id]).await
    }
}
pub struct ReleaseBookingSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn release_booking_seats() -> ReleaseBookingSeatsStmt {
    ReleaseBookingSeatsStmt(
        "WITH items AS ( UPDATE booking_items SET released_at = now() WHERE booking_id = $1 AND released_at IS NULL AND seat_label = ANY($2) RETURNING screening_id, row_index, number, amount - discount AS paid ), released AS ( SELECT count(*)::int AS seats, coalesce(sum(paid), 0)::bigint AS amount FROM items ), booking AS ( UPDATE bookings b SET seats = b.seats - r.seats, amount = b.amount - r.amount FROM released r WHERE b.id = $1 ), voided AS ( UPDATE tickets t SET voided_at = now() FROM items i WHERE t.booking_id = $1 AND t.row_index = i.row_index AND t.number = i.number ) SELECT seats, amount FROM released",
        None,
    )
}
impl ReleaseBookingSeatsStmt {
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
        T2: crate::ArraySql<Item = T1>,
    >(
        &'s self,
        client: &'c C,
        booking_id: &'a i64,
        seat_labels: &'a T2,
    ) -> ReleasedSeatsQuery<'c, 'a, 's, C, ReleasedSeats, 2> {
        ReleasedSeatsQuery {
            client,
            params: [booking_id, seat_labels],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<ReleasedSeats, tokio_postgres::Error> {
                Ok(ReleasedSeats {
                    seats: row.try_get(0)?,
                    amount: row.try_get(1)?,
                })
            },
            mapper: |it| ReleasedSeats::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::ArraySql<Item = T1>>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ReleaseBookingSeatsParams<T1, T2>,
        ReleasedSeatsQuery<'c, 'a, 's, C, ReleasedSeats, 2>,
        C,
    > for ReleaseBookingSeatsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ReleaseBookingSeatsParams<T1, T2>,
    ) -> ReleasedSeatsQuery<'c, 'a, 's, C, ReleasedSeats, 2> {
        self.bind(client, &params.booking_id, &params.seat_labels)
    }
}
pub struct CancelConfirmedBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn cancel_confirmed_booking() -> CancelConfirmedBookingStmt {
    CancelConfirmedBookingStmt(
        "WITH cancelled AS ( UPDATE bookings SET status = 'cancelled' WHERE id = $1 AND status = 'confirmed' RETURNING id ) UPDATE tickets t SET voided_at = now() FROM cancelled c WHERE t.booking_id = c.id AND t.voided_at IS NULL",
        None,
    )
}
impl CancelConfirmedBookingStmt {
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
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[id]).await
    }
}
