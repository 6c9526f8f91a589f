// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertVoucherParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::ArraySql<Item = crate::types::TicketType>,
> {
    pub code: T1,
    pub percent_off: Option<i32>,
    pub amount_off: Option<i64>,
    pub currency: Option<T2>,
    pub ticket_types: Option<T3>,
    pub movie_id: Option<i64>,
    pub screening_id: Option<i64>,
    pub valid_from: Option<chrono::DateTime<chrono::Utc>>,
    pub valid_until: Option<chrono::DateTime<chrono::Utc>>,
    pub max_uses: i32,
    pub max_uses_per_user: Option<i32>,
    pub reserved_seats: Option<i32>,
}
#[derive(Clone, Copy, Debug)]
pub struct ListVouchersParams {
    pub after: i64,
    pub limit: i64,
}
#[derive(Debug)]
pub struct VoucherForBookingParams<T1: crate::StringSql> {
    pub code: T1,
    pub screening_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct CustomerVoucherUsesParams {
    pub voucher_id: i64,
    pub user_id: i64,
}
#[derive(Debug)]
pub struct ReserveSeatsParams<T1: crate::ArraySql<Item = i16>, T2: crate::ArraySql<Item = i16>> {
    pub voucher_id: i64,
    pub row_indexes: T1,
    pub numbers: T2,
    pub screening_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct LockRowsOfReservedSeatsParams {
    pub screening_id: i64,
    pub voucher_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ReleaseReservedSeatsParams {
    pub screening_id: i64,
    pub voucher_id: i64,
}
#[derive(Debug)]
pub struct VoucherReservingParams<T1: crate::StringSql> {
    pub code: T1,
    pub screening_id: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Voucher {
    pub id: i64,
    pub code: String,
    pub percent_off: Option<i32>,
    pub amount_off: Option<i64>,
    pub currency: Option<String>,
    pub ticket_types: Option<Vec<crate::types::TicketType>>,
    pub movie_id: Option<i64>,
    pub screening_id: Option<i64>,
    pub valid_from: Option<chrono::DateTime<chrono::Utc>>,
    pub valid_until: Option<chrono::DateTime<chrono::Utc>>,
    pub max_uses: i32,
    pub max_uses_per_user: Option<i32>,
    pub reserved_seats: Option<i32>,
    pub uses: i32,
    pub disabled_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct VoucherBorrowed<'a> {
    pub id: i64,
    pub code: &'a str,
    pub percent_off: Option<i32>,
    pub amount_off: Option<i64>,
    pub currency: Option<&'a str>,
    pub ticket_types: Option<crate::ArrayIterator<'a, crate::types::TicketType>>,
    pub movie_id: Option<i64>,
    pub screening_id: Option<i64>,
    pub valid_from: Option<chrono::DateTime<chrono::Utc>>,
    pub valid_until: Option<chrono::DateTime<chrono::Utc>>,
    pub max_uses: i32,
    pub max_uses_per_user: Option<i32>,
    pub reserved_seats: Option<i32>,
    pub uses: i32,
    pub disabled_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<VoucherBorrowed<'a>> for Voucher {
    fn from(
        VoucherBorrowed {
            id,
            code,
            percent_off,
            amount_off,
            currency,
            ticket_types,
            movie_id,
            screening_id,
            valid_from,
            valid_until,
            max_uses,
            max_uses_per_user,
            reserved_seats,
            uses,
            disabled_at,
            created_at,
        }: VoucherBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            code: code.into(),
            percent_off,
            amount_off,
            currency: currency.map(|v| v.into()),
            ticket_types: ticket_types.map(|v| v.map(|v| v).collect()),
            movie_id,
            screening_id,
            valid_from,
            valid_until,
            max_uses,
            max_uses_per_user,
            reserved_seats,
            uses,
            disabled_at,
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct VoucherForBooking {
    pub id: i64,
    pub percent_off: Option<i32>,
    pub amount_off: Option<i64>,
    pub currency: Option<String>,
    pub ticket_types: Option<Vec<crate::types::TicketType>>,
    pub max_uses_per_user: Option<i32>,
    pub usable: bool,
    pub reserves: bool,
    pub applies: bool,
}
pub struct VoucherForBookingBorrowed<'a> {
    pub id: i64,
    pub percent_off: Option<i32>,
    pub amount_off: Option<i64>,
    pub currency: Option<&'a str>,
    pub ticket_types: Option<crate::ArrayIterator<'a, crate::types::TicketType>>,
    pub max_uses_per_user: Option<i32>,
    pub usable: bool,
    pub reserves: bool,
    pub applies: bool,
}
impl<'a> From<VoucherForBookingBorrowed<'a>> for VoucherForBooking {
    fn from(
        VoucherForBookingBorrowed {
            id,
            percent_off,
            amount_off,
            currency,
            ticket_types,
            max_uses_per_user,
            usable,
            reserves,
            applies,
        }: VoucherForBookingBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            percent_off,
            amount_off,
            currency: currency.map(|v| v.into()),
            ticket_types: ticket_types.map(|v| v.map(|v| v).collect()),
            max_uses_per_user,
            usable,
            reserves,
            applies,
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct VoucherQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<VoucherBorrowed, tokio_postgres::Error>,
    mapper: fn(VoucherBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> VoucherQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(VoucherBorrowed) -> R) -> VoucherQuery<'c, 'a, 's, C, R, N> {
        VoucherQuery {
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
pub struct VoucherForBookingQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<VoucherForBookingBorrowed, tokio_postgres::Error>,
    mapper: fn(VoucherForBookingBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> VoucherForBookingQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(VoucherForBookingBorrowed) -> R,
    ) -> VoucherForBookingQuery<'c, 'a, 's, C, R, N> {
        VoucherForBookingQuery {
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
pub struct I32Query<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<i32, tokio_postgres::Error>,
    mapper: fn(i32) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> I32Query<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(i32) -> R) -> I32Query<'c, 'a, 's, C, R, N> {
        I32Query {
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
pub struct InsertVoucherStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_voucher() -> InsertVoucherStmt {
    InsertVoucherStmt(
        "INSERT INTO vouchers (code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id, valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id, valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses, disabled_at, created_at",
        None,
    )
}
impl InsertVoucherStmt {
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
        T3: crate::ArraySql<Item = crate::types::TicketType>,
    >(
        &'s self,
        client: &'c C,
        code: &'a T1,
        percent_off: &'a Option<i32>,
        amount_off: &'a Option<i64>,
        currency: &'a Option<T2>,
        ticket_types: &'a Option<T3>,
        movie_id: &'a Option<i64>,
        screening_id: &'a Option<i64>,
        valid_from: &'a Option<chrono::DateTime<chrono::Utc>>,
        valid_until: &'a Option<chrono::DateTime<chrono::Utc>>,
        max_uses: &'a i32,
        max_uses_per_user: &'a Option<i32>,
        reserved_seats: &'a Option<i32>,
    ) -> VoucherQuery<'c, 'a, 's, C, Voucher, 12> {
        VoucherQuery {
            client,
            params: [
                code,
                percent_off,
                amount_off,
                currency,
                ticket_types,
                movie_id,
                screening_id,
                valid_from,
                valid_until,
                max_uses,
                max_uses_per_user,
                reserved_seats,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<VoucherBorrowed, tokio_postgres::Error> {
                    Ok(VoucherBorrowed {
                        id: row.try_get(0)?,
                        code: row.try_get(1)?,
                        percent_off: row.try_get(2)?,
                        amount_off: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        ticket_types: row.try_get(5)?,
                        movie_id: row.try_get(6)?,
                        screening_id: row.try_get(7)?,
                        valid_from: row.try_get(8)?,
                        valid_until: row.try_get(9)?,
                        max_uses: row.try_get(10)?,
                        max_uses_per_user: row.try_get(11)?,
                        reserved_seats: row.try_get(12)?,
                        uses: row.try_get(13)?,
                        disabled_at: row.try_get(14)?,
                        created_at: row.try_get(15)?,
                    })
                },
            mapper: |it| Voucher::from(it),
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
    T3: crate::ArraySql<Item = crate::types::TicketType>,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertVoucherParams<T1, T2, T3>,
        VoucherQuery<'c, 'a, 's, C, Voucher, 12>,
        C,
    > for InsertVoucherStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertVoucherParams<T1, T2, T3>,
    ) -> VoucherQuery<'c, 'a, 's, C, Voucher, 12> {
        self.bind(
            client,
            &params.code,
            &params.percent_off,
            &params.amount_off,
            &params.currency,
            &params.ticket_types,
            &params.movie_id,
            &params.screening_id,
            &params.valid_from,
            &params.valid_until,
            &params.max_uses,
            &params.max_uses_per_user,
            &params.reserved_seats,
        )
    }
}
pub struct ListVouchersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_vouchers() -> ListVouchersStmt {
    ListVouchersStmt(
        "SELECT id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id, valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses, disabled_at, created_at FROM vouchers WHERE id > $1 ORDER BY id LIMIT $2",
        None,
    )
}
impl ListVouchersStmt {
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
        after: &'a i64,
        limit: &'a i64,
    ) -> VoucherQuery<'c, 'a, 's, C, Voucher, 2> {
        VoucherQuery {
            client,
            params: [after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<VoucherBorrowed, tokio_postgres::Error> {
                    Ok(VoucherBorrowed {
                        id: row.try_get(0)?,
                        code: row.try_get(1)?,
                        percent_off: row.try_get(2)?,
                        amount_off: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        ticket_types: row.try_get(5)?,
                        movie_id: row.try_get(6)?,
                        screening_id: row.try_get(7)?,
                        valid_from: row.try_get(8)?,
                        valid_until: row.try_get(9)?,
                        max_uses: row.try_get(10)?,
                        max_uses_per_user: row.try_get(11)?,
                        reserved_seats: row.try_get(12)?,
                        uses: row.try_get(13)?,
                        disabled_at: row.try_get(14)?,
                        created_at: row.try_get(15)?,
                    })
                },
            mapper: |it| Voucher::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListVouchersParams,
        VoucherQuery<'c, 'a, 's, C, Voucher, 2>,
        C,
    > for ListVouchersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListVouchersParams,
    ) -> VoucherQuery<'c, 'a, 's, C, Voucher, 2> {
        self.bind(client, &params.after, &params.limit)
    }
}
pub struct GetVoucherStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_voucher() -> GetVoucherStmt {
    GetVoucherStmt(
        "SELECT id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id, valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses, disabled_at, created_at FROM vouchers WHERE id = $1",
        None,
    )
}
impl GetVoucherStmt {
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
    ) -> VoucherQuery<'c, 'a, 's, C, Voucher, 1> {
        VoucherQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<VoucherBorrowed, tokio_postgres::Error> {
                    Ok(VoucherBorrowed {
                        id: row.try_get(0)?,
                        code: row.try_get(1)?,
                        percent_off: row.try_get(2)?,
                        amount_off: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        ticket_types: row.try_get(5)?,
                        movie_id: row.try_get(6)?,
                        screening_id: row.try_get(7)?,
                        valid_from: row.try_get(8)?,
                        valid_until: row.try_get(9)?,
                        max_uses: row.try_get(10)?,
                        max_uses_per_user: row.try_get(11)?,
                        reserved_seats: row.try_get(12)?,
                        uses: row.try_get(13)?,
                        disabled_at: row.try_get(14)?,
                        created_at: row.try_get(15)?,
                    })
                },
            mapper: |it| Voucher::from(it),
        }
    }
}
pub struct DisableVoucherStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn disable_voucher() -> DisableVoucherStmt {
    DisableVoucherStmt(
        "UPDATE vouchers SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1 RETURNING id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id, valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses, disabled_at, created_at",
        None,
    )
}
impl DisableVoucherStmt {
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
    ) -> VoucherQuery<'c, 'a, 's, C, Voucher, 1> {
        VoucherQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<VoucherBorrowed, tokio_postgres::Error> {
                    Ok(VoucherBorrowed {
                        id: row.try_get(0)?,
                        code: row.try_get(1)?,
                        percent_off: row.try_get(2)?,
                        amount_off: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        ticket_types: row.try_get(5)?,
                        movie_id: row.try_get(6)?,
                        screening_id: row.try_get(7)?,
                        valid_from: row.try_get(8)?,
                        valid_until: row.try_get(9)?,
                        max_uses: row.try_get(10)?,
                        max_uses_per_user: row.try_get(11)?,
                        reserved_seats: row.try_get(12)?,
                        uses: row.try_get(13)?,
                        disabled_at: row.try_get(14)?,
                        created_at: row.try_get(15)?,
                    })
                },
            mapper: |it| Voucher::from(it),
        }
    }
}
pub struct VoucherForBookingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn voucher_for_booking() -> VoucherForBookingStmt {
    VoucherForBookingStmt(
        "SELECT v.id, v.percent_off, v.amount_off, v.currency, v.ticket_types, v.max_uses_per_user, v.disabled_at IS NULL AS usable, v.reserved_seats IS NOT NULL AND v.screening_id = s.id AS reserves, (v.valid_from IS NULL OR v.valid_from <= now()) AND (v.valid_until IS NULL OR now() < v.valid_until) AND (v.screening_id IS NULL OR v.screening_id = s.id) AND (v.movie_id IS NULL OR v.movie_id = s.movie_id) AND (v.currency IS NULL OR v.currency = s.currency) AS applies FROM vouchers v, screenings s WHERE upper(v.code) = upper($1) AND s.id = $2",
        None,
    )
}
impl VoucherForBookingStmt {
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
        code: &'a T1,
        screening_id: &'a i64,
    ) -> VoucherForBookingQuery<'c, 'a, 's, C, VoucherForBooking, 2> {
        VoucherForBookingQuery {
            client,
            params: [code, screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<VoucherForBookingBorrowed, tokio_postgres::Error> {
                Ok(VoucherForBookingBorrowed {
                    id: row.try_get(0)?,
                    percent_off: row.try_get(1)?,
                    amount_off: row.try_get(2)?,
                    currency: row.try_get(3)?,
                    ticket_types: row.try_get(4)?,
                    max_uses_per_user: row.try_get(5)?,
                    usable: row.try_get(6)?,
                    reserves: row.try_get(7)?,
                    applies: row.try_get(8)?,
                })
            },
            mapper: |it| VoucherForBooking::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        VoucherForBookingParams<T1>,
        VoucherForBookingQuery<'c, 'a, 's, C, VoucherForBooking, 2>,
        C,
    > for VoucherForBookingStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a VoucherForBookingParams<T1>,
    ) -> VoucherForBookingQuery<'c, 'a, 's, C, VoucherForBooking, 2> {
        self.bind(client, &params.code, &params.screening_id)
    }
}
pub struct CustomerVoucherUsesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn customer_voucher_uses() -> CustomerVoucherUsesStmt {
    CustomerVoucherUsesStmt(
        "SELECT count(*)::int FROM bookings WHERE voucher_id = $1 AND user_id = $2 AND status IN ('pending', 'confirmed')",
        None,
    )
}
impl CustomerVoucherUsesStmt {
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
        voucher_id: &'a i64,
        user_id: &'a i64,
    ) -> I32Query<'c, 'a, 's, C, i32, 2> {
        I32Query {
            client,
            params: [voucher_id, user_id],
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
        CustomerVoucherUsesParams,
        I32Query<'c, 'a, 's, C, i32, 2>,
        C,
    > for CustomerVoucherUsesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a CustomerVoucherUsesParams,
    ) -> I32Query<'c, 'a, 's, C, i32, 2> {
        self.bind(client, &params.voucher_id, &params.user_id)
    }
}
pub struct ClaimVoucherUseStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn claim_voucher_use() -> ClaimVoucherUseStmt {
    ClaimVoucherUseStmt(
        "UPDATE vouchers SET uses = uses + 1 WHERE id = $1 AND disabled_at IS NULL AND uses < max_uses RETURNING id",
        None,
    )
}
impl ClaimVoucherUseStmt {
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
pub struct ReserveSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn reserve_seats() -> ReserveSeatsStmt {
    ReserveSeatsStmt(
        "UPDATE screening_seats x SET reserved_for = $1 FROM unnest($2::smallint[], $3::smallint[]) AS w (row_index, number) WHERE x.screening_id = $4 AND x.row_index = w.row_index AND x.number = w.number AND x.booking_id IS NULL AND x.reserved_for IS NULL AND NOT x.blocked",
        None,
    )
}
impl ReserveSeatsStmt {
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
        T1: crate::ArraySql<Item = i16>,
        T2: crate::ArraySql<Item = i16>,
    >(
        &'s self,
        client: &'c C,
        voucher_id: &'a i64,
        row_indexes: &'a T1,
        numbers: &'a T2,
        screening_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[voucher_id, row_indexes, numbers, screening_id])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::ArraySql<Item = i16>,
    T2: crate::ArraySql<Item = i16>,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ReserveSeatsParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ReserveSeatsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ReserveSeatsParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.voucher_id,
            &params.row_indexes,
            &params.numbers,
            &params.screening_id,
        ))
    }
}
pub struct LockRowsOfReservedSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_rows_of_reserved_seats() -> LockRowsOfReservedSeatsStmt {
    LockRowsOfReservedSeatsStmt(
        "SELECT r.row_index FROM screening_rows r WHERE r.screening_id = $1 AND r.row_index IN ( SELECT x.row_index FROM screening_seats x WHERE x.screening_id = $1 AND x.reserved_for = $2) ORDER BY r.row_index FOR UPDATE OF r",
        None,
    )
}
impl LockRowsOfReservedSeatsStmt {
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
    ) -> I16Query<'c, 'a, 's, C, i16, 2> {
        I16Query {
            client,
            params: [screening_id, voucher_id],
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
        LockRowsOfReservedSeatsParams,
        I16Query<'c, 'a, 's, C, i16, 2>,
        C,
    > for LockRowsOfReservedSeatsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockRowsOfReservedSeatsParams,
    ) -> I16Query<'c, 'a, 's, C, i16, 2> {
        self.bind(client, &params.screening_id, &params.voucher_id)
    }
}
pub struct ReleaseReservedSeatsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn release_reserved_seats() -> ReleaseReservedSeatsStmt {
    ReleaseReservedSeatsStmt(
        "UPDATE screening_seats SET reserved_for = NULL WHERE screening_id = $1 AND reserved_for = $2",
        None,
    )
}
impl ReleaseReservedSeatsStmt {
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
        voucher_id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[screening_id, voucher_id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        ReleaseReservedSeatsParams,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for ReleaseReservedSeatsStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a ReleaseReservedSeatsParams,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.screening_id, &params.voucher_id))
    }
}
pub struct VoucherReservingStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn voucher_reserving() -> VoucherReservingStmt {
    VoucherReservingStmt(
        "SELECT id FROM vouchers WHERE upper(code) = upper($1) AND screening_id = $2 AND reserved_seats IS NOT NULL AND disabled_at IS NULL",
        None,
    )
}
impl VoucherReservingStmt {
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
        code: &'a T1,
        screening_id: &'a i64,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        I64Query {
            client,
            params: [code, screening_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        VoucherReservingParams<T1>,
        I64Query<'c, 'a, 's, C, i64, 2>,
        C,
    > for VoucherReservingStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a VoucherReservingParams<T1>,
    ) -> I64Query<'c, 'a, 's, C, i64, 2> {
        self.bind(client, &params.code, &params.screening_id)
    }
}
