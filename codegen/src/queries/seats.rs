// This file was generated with `cornucopia`. Do not modify.

#[derive(Clone, Copy, Debug)]
pub struct SeatMapParams {
    pub voucher_id: Option<i64>,
    pub screening_id: i64,
}
#[derive(Debug)]
pub struct LockSeatsAroundParams<
    T1: crate::StringSql,
    T2: crate::ArraySql<Item = T1>,
    T3: crate::ArraySql<Item = i16>,
> {
    pub row_labels: T2,
    pub numbers: T3,
    pub screening_id: i64,
    pub voucher_id: Option<i64>,
}
#[derive(Debug)]
pub struct HoldSeatsParams<
    T1: crate::ArraySql<Item = i16>,
    T2: crate::ArraySql<Item = i16>,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = T3>,
    T5: crate::ArraySql<Item = crate::types::TicketType>,
    T6: crate::ArraySql<Item = i64>,
    T7: crate::ArraySql<Item = i64>,
> {
    pub user_id: i64,
    pub row_indexes: T1,
    pub amount: i64,
    pub hold_seconds: f64,
    pub voucher_id: Option<i64>,
    pub screening_id: i64,
    pub numbers: T2,
    pub labels: T4,
    pub ticket_types: T5,
    pub amounts: T6,
    pub discounts: T7,
}
#[derive(Clone, Copy, Debug)]
pub struct LockRowIfIdleParams {
    pub screening_id: i64,
    pub row_index: i16,
}
#[derive(Clone, Copy, Debug)]
pub struct LockRowParams {
    pub screening_id: i64,
    pub row_index: i16,
}
#[derive(Debug)]
pub struct LockRowsOfLabelsParams<T1: crate::StringSql, T2: crate::ArraySql<Item = T1>> {
    pub screening_id: i64,
    pub row_labels: T2,
}
#[derive(Clone, Copy, Debug)]
pub struct ReservedSeatRowsParams {
    pub screening_id: i64,
    pub voucher_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct MapSeat {
    pub row_index: i16,
    pub row_label: String,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub blocked: bool,
    pub available: bool,
    pub next_lapse: Option<chrono::DateTime<chrono::Utc>>,
}
pub struct MapSeatBorrowed<'a> {
    pub row_index: i16,
    pub row_label: &'a str,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub blocked: bool,
    pub available: bool,
    pub next_lapse: Option<chrono::DateTime<chrono::Utc>>,
}
impl<'a> From<MapSeatBorrowed<'a>> for MapSeat {
    fn from(
        MapSeatBorrowed {
            row_index,
            row_label,
            number,
            category,
            blocked,
            available,
            next_lapse,
        }: MapSeatBorrowed<'a>,
    ) -> Self {
        Self {
            row_index,
            row_label: row_label.into(),
            number,
            category,
            blocked,
            available,
            next_lapse,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct SeatMapVersion {
    pub version: Option<String>,
}
pub struct SeatMapVersionBorrowed<'a> {
    pub version: Option<&'a str>,
}
impl<'a> From<SeatMapVersionBorrowed<'a>> for SeatMapVersion {
    fn from(SeatMapVersionBorrowed { version }: SeatMapVersionBorrowed<'a>) -> Self {
        Self {
            version: version.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct NearSeat {
    pub row_index: i16,
    pub row_label: String,
    pub row_seats: i16,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub blocked: bool,
    pub available: bool,
}
pub struct NearSeatBorrowed<'a> {
    pub row_index: i16,
    pub row_label: &'a str,
    pub row_seats: i16,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub blocked: bool,
    pub available: bool,
}
impl<'a> From<NearSeatBorrowed<'a>> for NearSeat {
    fn from(
        NearSeatBorrowed {
            row_index,
            row_label,
            row_seats,
            number,
            category,
            blocked,
            available,
        }: NearSeatBorrowed<'a>,
    ) -> Self {
        Self {
            row_index,
            row_label: row_label.into(),
            row_seats,
            number,
            category,
            blocked,
            available,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct HeldSeat {
    pub booking_id: i64,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub currency: String,
    pub row_index: i16,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub label: String,
    pub ticket_type: crate::types::TicketType,
    pub amount: i64,
    pub discount: i64,
}
pub struct HeldSeatBorrowed<'a> {
    pub booking_id: i64,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub currency: &'a str,
    pub row_index: i16,
    pub number: i16,
    pub category: crate::types::SeatCategory,
    pub label: &'a str,
    pub ticket_type: crate::types::TicketType,
    pub amount: i64,
    pub discount: i64,
}
impl<'a> From<HeldSeatBorrowed<'a>> for HeldSeat {
    fn from(
        HeldSeatBorrowed {
            booking_id,
            expires_at,
            created_at,
            currency,
            row_index,
            number,
            category,
            label,
            ticket_type,
            amount,
            discount,
        }: HeldSeatBorrowed<'a>,
    ) -> Self {
        Self {
            booking_id,
            expires_at,
            created_at,
            currency: currency.into(),
            row_index,
            number,
            category,
            label: label.into(),
            ticket_type,
            amount,
            discount,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct SeatRow {
    pub row_index: i16,
    pub label: String,
    pub seats: i16,
    pub standard: Vec<u8>,
    pub free: Vec<u8>,
}
pub struct SeatRowBorrowed<'a> {
    pub row_index: i16,
    pub label: &'a str,
    pub seats: i16,
    pub standard: &'a [u8],
    pub free: &'a [u8],
}
impl<'a> From<SeatRowBorrowed<'a>> for SeatRow {
    fn from(
        SeatRowBorrowed {
            row_index,
            label,
            seats,
            standard,
            free,
        }: SeatRowBorrowed<'a>,
    ) -> Self {
        Self {
            row_index,
            label: label.into(),
            seats,
            standard: standard.into(),
            free: free.into(),
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct LockBookingSeats {
    pub row_index: i16,
    pub number: i16,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct DoubleSoldSeats {
    pub misplaced: i64,
    pub doubled: i64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct MapSeatQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<MapSeatBorrowed, tokio_postgres::Error>,
    mapper: fn(MapSeatBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> MapSeatQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(MapSeatBorrowed) -> R) -> MapSeatQuery<'c, 'a, 's, C, R, N> {
        MapSeatQuery {
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
pub struct SeatMapVersionQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<SeatMapVersionBorrowed, tokio_postgres::Error>,
    mapper: fn(SeatMapVersionBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SeatMapVersionQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(SeatMapVersionBorrowed) -> R,
    ) -> SeatMapVersionQuery<'c, 'a, 's, C, R, N> {
        SeatMapVersionQuery {
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
pub struct NearSeatQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<NearSeatBorrowed, tokio_postgres::Error>,
    mapper: fn(NearSeatBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> NearSeatQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(NearSeatBorrowed) -> R) -> NearSeatQuery<'c, 'a, 's, C, R, N> {
        NearSeatQuery {
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
pub struct HeldSeatQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<HeldSeatBorrowed, tokio_postgres::Error>,
    mapper: fn(HeldSeatBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> HeldSeatQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(HeldSeatBorrowed) -> R) -> HeldSeatQuery<'c, 'a, 's, C, R, N> {
        HeldSeatQuery {
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
pub struct SeatRowQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<SeatRowBorrowed, tokio_postgres::Error>,
    mapper: fn(SeatRowBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SeatRowQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(SeatRowBorrowed) -> R) -> SeatRowQuery<'c, 'a, 's, C, R, N> {
        SeatRowQuery {
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
pub struct I16Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i16, tokio_postgres::Error>,
    mapper: fn(i16) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I16Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i16) -> R) -> I16Query<'c, 'a, 's, C, R, N> {
        I16Query {
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
pub struct LockBookingSeatsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LockBookingSeats, tokio_postgres::Error>,
    mapper: fn(LockBookingSeats) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LockBookingSeatsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LockBookingSeats) -> R,
    ) -> LockBookingSeatsQuery<'c, 'a, 's, C, R, N> {
        LockBookingSeatsQuery {
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
pub struct DoubleSoldSeatsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<DoubleSoldSeats, tokio_postgres::Error>,
    mapper: fn(DoubleSoldSeats) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> DoubleSoldSeatsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(DoubleSoldSeats) -> R,
    ) -> DoubleSoldSeatsQuery<'c, 'a, 's, C, R, N> {
        DoubleSoldSeatsQuery {
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
pub struct SeatMapStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn seat_map() -> SeatMapStmt {
    SeatMapStmt(
        "SELECT x.row_index, r.label AS row_label, x.number, x.category, x.blocked, NOT x.blocked AND (x.booking_id IS NULL OR x.held_until <= now()) IS TRUE AND (x.reserved_for IS NULL OR x.reserved_for = $1) IS TRUE AS available, min(x.held_until) FILTER (WHERE x.held_until > now()) OVER () AS next_lapse FROM screenings s JOIN screening_seats x ON x.screening_id = s.id JOIN theater_rows r ON r.theater_id = s.theater_id AND r.row_index = x.row_index WHERE s.id = $2 ORDER BY x.row_index, x.number",
        None,
    )
}
impl SeatMapStmt {
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
        voucher_id: &'a Option<i64>,
        screening_id: &'a i64,
    ) -> MapSeatQuery<'c, 'a, 's, C, MapSeat, 2> {
        MapSeatQuery {
            client,
            params: [voucher_id, screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<MapSeatBorrowed, tokio_postgres::Error> {
                    Ok(MapSeatBorrowed {
                        row_index: row.try_get(0)?,
                        row_label: row.try_get(1)?,
                        number: row.try_get(2)?,
                        category: row.try_get(3)?,
                        blocked: row.try_get(4)?,
                        available: row.try_get(5)?,
                        next_lapse: row.try_get(6)?,
                    })
                },
            mapper: |it| MapSeat::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        SeatMapParams,
        MapSeatQuery<'c, 'a, 's, C, MapSeat, 2>,
        C,
    > for SeatMapStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a SeatMapParams,
    ) -> MapSeatQuery<'c, 'a, 's, C, MapSeat, 2> {
        self.bind(client, &params.voucher_id, &params.screening_id)
    }
}
pub struct SeatMapVersionStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn seat_map_version() -> SeatMapVersionStmt {
    SeatMapVersionStmt(
        "SELECT md5(string_agg(int8send(changes), '\\x'::bytea ORDER BY row_index)) AS version FROM screening_rows WHERE screening_id = $1",
        None,
    )
}
impl SeatMapVersionStmt {
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
    ) -> SeatMapVersionQuery<'c, 'a, 's, C, SeatMapVersion, 1> {
        SeatMapVersionQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<SeatMapVersionBorrowed, tokio_postgres::Error> {
                Ok(SeatMapVersionBorrowed {
                    version: row.try_get(0)?,
                })
            },
            mapper: |it| SeatMapVersion::from(it),
        }
    }
}
pub struct LockSeatsAroundStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_seats_around() -> LockSeatsAroundStmt {
    LockSeatsAroundStmt(
        "WITH near AS ( SELECT DISTINCT r.row_index, r.label, r.seats, n::smallint AS number FROM unnest($1::text[], $2::smallint[]) AS w (label, number) JOIN screenings s ON s.id = $3 JOIN theater_rows r ON r.theater_id = s.theater_id AND r.label = w.label CROSS JOIN LATERAL generate_series(w.number - 2, w.number + 2) AS n ORDER BY r.row_index, number ) SELECT x.row_index, near.label AS row_label, near.seats AS row_seats, x.number, x.category, x.blocked, NOT x.blocked AND (x.booking_id IS NULL OR x.held_until <= now() AND NOT EXISTS ( SELECT 1 FROM waiting_list_entries w WHERE w.screening_id = $3 AND w.status = 'waiting')) IS TRUE AND (x.reserved_for IS NULL OR x.reserved_for = $4) IS TRUE AS available FROM near CROSS JOIN LATERAL ( SELECT * FROM screening_seats x WHERE x.screening_id = $3 AND x.row_index = near.row_index AND x.number = near.number LIMIT 1 ) x ORDER BY x.row_index, x.number FOR UPDATE OF x",
        None,
    )
}
impl LockSeatsAroundStmt {
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
        T3: crate::ArraySql<Item = i16>,
    >(
        &'s self,
        client: &'c C,
        row_labels: &'a T2,
        numbers: &'a T3,
        screening_id: &'a i64,
        voucher_id: &'a Option<i64>,
    ) -> NearSeatQuery<'c, 'a, 's, C, NearSeat, 4> {
        NearSeatQuery {
            client,
            params: [row_labels, numbers, screening_id, voucher_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<NearSeatBorrowed, tokio_postgres::Error> {
                    Ok(NearSeatBorrowed {
                        row_index: row.try_get(0)?,
                        row_label: row.try_get(1)?,
                        row_seats: row.try_get(2)?,
                        number: row.try_get(3)?,
                        category: row.try_get(4)?,
                        blocked: row.try_get(5)?,
                        available: row.try_get(6)?,
                    })
                },
            mapper: |it| NearSeat::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::ArraySql<Item = T1>,
    T3: crate::ArraySql<Item = i16>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockSeatsAroundParams<T1, T2, T3>,
        NearSeatQuery<'c, 'a, 's, C, NearSeat, 4>,
        C,
    > for LockSeatsAroundStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockSeatsAroundParams<T1, T2, T3>,
    ) -> NearSeatQuery<'c, 'a, 's, C, NearSeat, 4> {
        self.bind(
            client,
            &params.row_labels,
            &params.numbers,
            &params.screening_id,
            &params.voucher_id,
        )
    }
}
pub struct HoldSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn hold_seats() -> HoldSeatsStmt {
    HoldSeatsStmt(
        "WITH booking AS ( INSERT INTO bookings (user_id, screening_id, seats, amount, currency, expires_at, voucher_id) SELECT $1, s.id, cardinality($2::smallint[]), $3, s.currency, least(now() + make_interval(secs => $4), s.starts_at), $5 FROM screenings s WHERE s.id = $6 AND s.starts_at > now() RETURNING id, screening_id, expires_at, created_at, currency, voucher_id ), wanted AS ( SELECT w.* FROM unnest($2::smallint[], $7::smallint[], $8::text[], $9::ticket_type[], $10::bigint[], $11::bigint[]) AS w (row_index, number, label, ticket_type, amount, discount) ), taken AS ( UPDATE screening_seats x SET booking_id = b.id, held_until = b.expires_at FROM booking b, wanted w WHERE x.screening_id = b.screening_id AND x.row_index = w.row_index AND x.number = w.number AND NOT x.blocked AND (x.booking_id IS NULL OR x.held_until <= now()) AND (x.reserved_for IS NULL OR x.reserved_for = b.voucher_id) RETURNING x.row_index, x.number, x.category ), items AS ( INSERT INTO booking_items (booking_id, screening_id, row_index, number, seat_label, category, ticket_type, amount, discount) SELECT b.id, b.screening_id, t.row_index, t.number, w.label, t.category, w.ticket_type, w.amount, w.discount FROM booking b, taken t JOIN wanted w ON w.row_index = t.row_index AND w.number = t.number ) SELECT b.id AS booking_id, b.expires_at, b.created_at, b.currency, t.row_index, t.number, t.category, w.label, w.ticket_type, w.amount, w.discount FROM booking b, taken t JOIN wanted w ON w.row_index = t.row_index AND w.number = t.number ORDER BY t.row_index, t.number",
        None,
    )
}
impl HoldSeatsStmt {
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
        T1: crate::ArraySql<Item = i16>,
        T2: crate::ArraySql<Item = i16>,
        T3: crate::StringSql,
        T4: crate::ArraySql<Item = T3>,
        T5: crate::ArraySql<Item = crate::types::TicketType>,
        T6: crate::ArraySql<Item = i64>,
        T7: crate::ArraySql<Item = i64>,
    >(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        row_indexes: &'a T1,
        amount: &'a i64,
        hold_seconds: &'a f64,
        voucher_id: &'a Option<i64>,
        screening_id: &'a i64,
        numbers: &'a T2,
        labels: &'a T4,
        ticket_types: &'a T5,
        amounts: &'a T6,
        discounts: &'a T7,
    ) -> HeldSeatQuery<'c, 'a, 's, C, HeldSeat, 11> {
        HeldSeatQuery {
            client,
            params: [
                user_id,
                row_indexes,
                amount,
                hold_seconds,
                voucher_id,
                screening_id,
                numbers,
                labels,
                ticket_types,
                amounts,
                discounts,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<HeldSeatBorrowed, tokio_postgres::Error> {
                    Ok(HeldSeatBorrowed {
                        booking_id: row.try_get(0)?,
                        expires_at: row.try_get(1)?,
                        created_at: row.try_get(2)?,
                        currency: row.try_get(3)?,
                        row_index: row.try_get(4)?,
                        number: row.try_get(5)?,
                        category: row.try_get(6)?,
                        label: row.try_get(7)?,
                        ticket_type: row.try_get(8)?,
                        amount: row.try_get(9)?,
                        discount: row.try_get(10)?,
                    })
                },
            mapper: |it| HeldSeat::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::ArraySql<Item = i16>,
    T2: crate::ArraySql<Item = i16>,
    T3: crate::StringSql,
    T4: crate::ArraySql<Item = T3>,
    T5: crate::ArraySql<Item = crate::types::TicketType>,
    T6: crate::ArraySql<Item = i64>,
    T7: crate::ArraySql<Item = i64>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        HoldSeatsParams<T1, T2, T3, T4, T5, T6, T7>,
        HeldSeatQuery<'c, 'a, 's, C, HeldSeat, 11>,
        C,
    > for HoldSeatsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a HoldSeatsParams<T1, T2, T3, T4, T5, T6, T7>,
    ) -> HeldSeatQuery<'c, 'a, 's, C, HeldSeat, 11> {
        self.bind(
            client,
            &params.user_id,
            &params.row_indexes,
            &params.amount,
            &params.hold_seconds,
            &params.voucher_id,
            &params.screening_id,
            &params.numbers,
            &params.labels,
            &params.ticket_types,
            &params.amounts,
            &params.discounts,
        )
    }
}
pub struct SeatRowsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn seat_rows() -> SeatRowsStmt {
    SeatRowsStmt(
        "SELECT row_index, label, seats, standard, free FROM screening_rows WHERE screening_id = $1 ORDER BY row_index",
        None,
    )
}
impl SeatRowsStmt {
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
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 1> {
        SeatRowQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
pub struct LockRowIfIdleStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_row_if_idle() -> LockRowIfIdleStmt {
    LockRowIfIdleStmt(
        "SELECT row_index, label, seats, standard, free FROM screening_rows WHERE screening_id = $1 AND row_index = $2 FOR UPDATE SKIP LOCKED",
        None,
    )
}
impl LockRowIfIdleStmt {
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
        row_index: &'a i16,
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 2> {
        SeatRowQuery {
            client,
            params: [screening_id, row_index],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockRowIfIdleParams,
        SeatRowQuery<'c, 'a, 's, C, SeatRow, 2>,
        C,
    > for LockRowIfIdleStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockRowIfIdleParams,
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 2> {
        self.bind(client, &params.screening_id, &params.row_index)
    }
}
pub struct LockRowStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_row() -> LockRowStmt {
    LockRowStmt(
        "SELECT row_index, label, seats, standard, free FROM screening_rows WHERE screening_id = $1 AND row_index = $2 FOR UPDATE",
        None,
    )
}
impl LockRowStmt {
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
        row_index: &'a i16,
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 2> {
        SeatRowQuery {
            client,
            params: [screening_id, row_index],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockRowParams,
        SeatRowQuery<'c, 'a, 's, C, SeatRow, 2>,
        C,
    > for LockRowStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockRowParams,
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 2> {
        self.bind(client, &params.screening_id, &params.row_index)
    }
}
pub struct LockRowsOfLabelsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_rows_of_labels() -> LockRowsOfLabelsStmt {
    LockRowsOfLabelsStmt(
        "SELECT row_index FROM screening_rows WHERE screening_id = $1 AND label = ANY($2) ORDER BY row_index FOR UPDATE",
        None,
    )
}
impl LockRowsOfLabelsStmt {
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
        screening_id: &'a i64,
        row_labels: &'a T2,
    ) -> I16Query<'c, 'a, 's, C, i16, 2> {
        I16Query {
            client,
            params: [screening_id, row_labels],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::ArraySql<Item = T1>>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockRowsOfLabelsParams<T1, T2>,
        I16Query<'c, 'a, 's, C, i16, 2>,
        C,
    > for LockRowsOfLabelsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockRowsOfLabelsParams<T1, T2>,
    ) -> I16Query<'c, 'a, 's, C, i16, 2> {
        self.bind(client, &params.screening_id, &params.row_labels)
    }
}
pub struct LockBookingSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_booking_seats() -> LockBookingSeatsStmt {
    LockBookingSeatsStmt(
        "SELECT row_index, number FROM screening_seats WHERE booking_id = $1 FOR UPDATE",
        None,
    )
}
impl LockBookingSeatsStmt {
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
    ) -> LockBookingSeatsQuery<'c, 'a, 's, C, LockBookingSeats, 1> {
        LockBookingSeatsQuery {
            client,
            params: [booking_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LockBookingSeats, tokio_postgres::Error> {
                    Ok(LockBookingSeats {
                        row_index: row.try_get(0)?,
                        number: row.try_get(1)?,
                    })
                },
            mapper: |it| LockBookingSeats::from(it),
        }
    }
}
pub struct ConfirmSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn confirm_seats() -> ConfirmSeatsStmt {
    ConfirmSeatsStmt(
        "UPDATE screening_seats SET held_until = NULL WHERE booking_id = $1 AND held_until > now()",
        None,
    )
}
impl ConfirmSeatsStmt {
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
pub struct DoubleSoldSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn double_sold_seats() -> DoubleSoldSeatsStmt {
    DoubleSoldSeatsStmt(
        "SELECT (SELECT count(*) FROM booking_items i JOIN bookings b ON b.id = i.booking_id JOIN screening_seats x ON x.screening_id = i.screening_id AND x.row_index = i.row_index AND x.number = i.number WHERE i.screening_id = $1 AND i.released_at IS NULL AND (b.status = 'confirmed' OR (b.status = 'pending' AND b.expires_at > now())) AND x.booking_id IS DISTINCT FROM b.id) AS misplaced, (SELECT count(*) FROM ( SELECT 1 FROM booking_items i JOIN bookings b ON b.id = i.booking_id WHERE i.screening_id = $1 AND i.released_at IS NULL AND (b.status = 'confirmed' OR (b.status = 'pending' AND b.expires_at > now())) GROUP BY i.row_index, i.number HAVING count(*) > 1) d) AS doubled",
        None,
    )
}
impl DoubleSoldSeatsStmt {
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
    ) -> DoubleSoldSeatsQuery<'c, 'a, 's, C, DoubleSoldSeats, 1> {
        DoubleSoldSeatsQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<DoubleSoldSeats, tokio_postgres::Error> {
                    Ok(DoubleSoldSeats {
                        misplaced: row.try_get(0)?,
                        doubled: row.try_get(1)?,
                    })
                },
            mapper: |it| DoubleSoldSeats::from(it),
        }
    }
}
pub struct ShareSeatRowsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn share_seat_rows() -> ShareSeatRowsStmt {
    ShareSeatRowsStmt(
        "SELECT row_index, label, seats, standard, free FROM screening_rows WHERE screening_id = $1 ORDER BY row_index FOR SHARE",
        None,
    )
}
impl ShareSeatRowsStmt {
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
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 1> {
        SeatRowQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
pub struct LockIdleSeatRowsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_idle_seat_rows() -> LockIdleSeatRowsStmt {
    LockIdleSeatRowsStmt(
        "SELECT row_index, label, seats, standard, free FROM screening_rows WHERE screening_id = $1 ORDER BY row_index FOR UPDATE SKIP LOCKED",
        None,
    )
}
impl LockIdleSeatRowsStmt {
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
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 1> {
        SeatRowQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
pub struct LockSeatRowsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_seat_rows() -> LockSeatRowsStmt {
    LockSeatRowsStmt(
        "SELECT row_index, label, seats, standard, free FROM screening_rows WHERE screening_id = $1 ORDER BY row_index FOR UPDATE",
        None,
    )
}
impl LockSeatRowsStmt {
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
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 1> {
        SeatRowQuery {
            client,
            params: [screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
pub struct ReservedSeatRowsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn reserved_seat_rows() -> ReservedSeatRowsStmt {
    ReservedSeatRowsStmt(
        "SELECT r.row_index, r.label, r.seats, r.standard, seat_bitmap(r.seats, array_agg(x.number::integer) FILTER (WHERE x.booking_id IS NULL OR x.held_until <= now())) AS free FROM screening_seats x JOIN screening_rows r ON r.screening_id = x.screening_id AND r.row_index = x.row_index WHERE x.screening_id = $1 AND x.reserved_for = $2 GROUP BY r.row_index, r.label, r.seats, r.standard ORDER BY r.row_index",
        None,
    )
}
impl ReservedSeatRowsStmt {
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
        voucher_id: &'a i64,
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 2> {
        SeatRowQuery {
            client,
            params: [screening_id, voucher_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<SeatRowBorrowed, tokio_postgres::Error> {
                    Ok(SeatRowBorrowed {
                        row_index: row.try_get(0)?,
                        label: row.try_get(1)?,
                        seats: row.try_get(2)?,
                        standard: row.try_get(3)?,
                        free: row.try_get(4)?,
                    })
                },
            mapper: |it| SeatRow::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ReservedSeatRowsParams,
        SeatRowQuery<'c, 'a, 's, C, SeatRow, 2>,
        C,
    > for ReservedSeatRowsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ReservedSeatRowsParams,
    ) -> SeatRowQuery<'c, 'a, 's, C, SeatRow, 2> {
        self.bind(client, &params.screening_id, &params.voucher_id)
    }
}
