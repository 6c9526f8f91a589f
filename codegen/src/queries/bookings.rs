// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct BookSeatsParams {
    pub seats: i32,
    pub screening_id: i64,
    pub user_id: i64,
    pub hold_seconds: f64,
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
pub struct CancelBookingParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct LockBookingParams {
    pub id: i64,
    pub user_id: i64,
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
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct ScreeningSeats {
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub available_seats: i32,
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
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
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
pub struct ScreeningSeatsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<ScreeningSeats, tokio_postgres::Error>,
    mapper: fn(ScreeningSeats) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> ScreeningSeatsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(ScreeningSeats) -> R,
    ) -> ScreeningSeatsQuery<'c, 'a, 's, C, R, N> {
        ScreeningSeatsQuery {
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
pub struct BookSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn book_seats() -> BookSeatsStmt {
    BookSeatsStmt(
        "WITH taken AS ( UPDATE screenings SET available_seats = available_seats - $1 WHERE id = $2 AND available_seats >= $1 AND starts_at > now() RETURNING id, price, currency, starts_at ) INSERT INTO bookings (user_id, screening_id, seats, amount, currency, expires_at) SELECT $3, id, $1, price * $1, currency, least(now() + make_interval(secs => $4), starts_at) FROM taken RETURNING id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at",
        None,
    )
}
impl BookSeatsStmt {
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
        seats: &'a i32,
        screening_id: &'a i64,
        user_id: &'a i64,
        hold_seconds: &'a f64,
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 4> {
        BookingQuery {
            client,
            params: [seats, screening_id, user_id, hold_seconds],
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
        BookSeatsParams,
        BookingQuery<'c, 'a, 's, C, Booking, 4>,
        C,
    > for BookSeatsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a BookSeatsParams,
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 4> {
        self.bind(
            client,
            &params.seats,
            &params.screening_id,
            &params.user_id,
            &params.hold_seconds,
        )
    }
}
pub struct ScreeningSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn screening_seats() -> ScreeningSeatsStmt {
    ScreeningSeatsStmt(
        "SELECT starts_at, available_seats FROM screenings WHERE id = $1",
        None,
    )
}
impl ScreeningSeatsStmt {
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
    ) -> ScreeningSeatsQuery<'c, 'a, 's, C, ScreeningSeats, 1> {
        ScreeningSeatsQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<ScreeningSeats, tokio_postgres::Error> {
                    Ok(ScreeningSeats {
                        starts_at: row.try_get(0)?,
                        available_seats: row.try_get(1)?,
                    })
                },
            mapper: |it| ScreeningSeats::from(it),
        }
    }
}
pub struct ReclaimExpiredHoldsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn reclaim_expired_holds() -> ReclaimExpiredHoldsStmt {
    ReclaimExpiredHoldsStmt(
        "WITH expired AS ( UPDATE bookings SET status = 'expired' WHERE screening_id = $1 AND status = 'pending' AND expires_at <= now() RETURNING seats ) UPDATE screenings SET available_seats = available_seats + (SELECT sum(seats) FROM expired) WHERE id = $1 AND EXISTS (SELECT 1 FROM expired)",
        None,
    )
}
impl ReclaimExpiredHoldsStmt {
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
        screening_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[screening_id]).await
    }
}
pub struct SweepExpiredHoldsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn sweep_expired_holds() -> SweepExpiredHoldsStmt {
    SweepExpiredHoldsStmt(
        "WITH expired AS ( UPDATE bookings SET status = 'expired' WHERE id IN ( SELECT id FROM bookings WHERE status = 'pending' AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED ) RETURNING screening_id, seats ), freed AS ( SELECT screening_id, sum(seats)::int AS seats FROM expired GROUP BY screening_id ), locked AS MATERIALIZED ( SELECT s.id FROM screenings s WHERE s.id IN (SELECT screening_id FROM freed) ORDER BY s.id FOR NO KEY UPDATE ) UPDATE screenings s SET available_seats = s.available_seats + freed.seats FROM freed JOIN locked ON locked.id = freed.screening_id WHERE s.id = freed.screening_id",
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
    pub async fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        batch: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[batch]).await
    }
}
pub struct ListBookingsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_bookings() -> ListBookingsStmt {
    ListBookingsStmt(
        "SELECT id, user_id, screening_id, seats, amount, currency, CASE WHEN status = 'pending' AND expires_at <= now() THEN 'expired' ELSE status END AS status, expires_at, created_at FROM bookings WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
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
        "SELECT id, user_id, screening_id, seats, amount, currency, CASE WHEN status = 'pending' AND expires_at <= now() THEN 'expired' ELSE status END AS status, expires_at, created_at FROM bookings WHERE id = $1 AND user_id = $2",
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
        "WITH cancelled AS ( UPDATE bookings SET status = 'cancelled' WHERE id = $1 AND user_id = $2 AND status = 'pending' AND expires_at > now() RETURNING id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at ), released AS ( UPDATE screenings s SET available_seats = s.available_seats + cancelled.seats FROM cancelled WHERE s.id = cancelled.screening_id ) SELECT id, user_id, screening_id, seats, amount, currency, status, expires_at, created_at FROM cancelled",
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
        CancelBookingParams,
        BookingQuery<'c, 'a, 's, C, Booking, 2>,
        C,
    > for CancelBookingStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CancelBookingParams,
    ) -> BookingQuery<'c, 'a, 's, C, Booking, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct LockBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_booking() -> LockBookingStmt {
    LockBookingStmt(
        "SELECT b.id, b.screening_id, b.seats, b.amount, b.currency, b.status, b.expires_at > now() AS holding, s.starts_at > now() AS upcoming FROM bookings b JOIN screenings s ON s.id = b.screening_id WHERE b.id = $1 AND b.user_id = $2 FOR NO KEY UPDATE OF b",
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
pub struct CancelConfirmedBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn cancel_confirmed_booking() -> CancelConfirmedBookingStmt {
    CancelConfirmedBookingStmt(
        "WITH cancelled AS ( UPDATE bookings SET status = 'cancelled' WHERE id = $1 AND status = 'confirmed' RETURNING screening_id, seats ) UPDATE screenings s SET available_seats = s.available_seats + cancelled.seats FROM cancelled WHERE s.id = cancelled.screening_id",
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
