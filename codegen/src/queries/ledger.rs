// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct OpenAccountParams<T1: crate::StringSql> {
    pub owner_id: i64,
    pub currency: T1,
}
#[derive(Clone, Copy, Debug)]
pub struct ListAccountsParams {
    pub owner_id: i64,
    pub after: i64,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct GetAccountParams {
    pub id: i64,
    pub owner_id: i64,
}
#[derive(Debug)]
pub struct LockAccountsParams<T1: crate::ArraySql<Item = i64>, T2: crate::StringSql> {
    pub owner_id: Option<i64>,
    pub ids: T1,
    pub system_kind: Option<crate::types::AccountKind>,
    pub system_currency: Option<T2>,
}
#[derive(Debug)]
pub struct PostTransferParams<T1: crate::StringSql> {
    pub from_account_id: i64,
    pub to_account_id: i64,
    pub amount: i64,
    pub currency: T1,
}
#[derive(Clone, Copy, Debug)]
pub struct GetTransferParams {
    pub id: i64,
    pub user_id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListEntriesParams {
    pub account_id: i64,
    pub after: i64,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub owner_id: i64,
    pub currency: String,
    pub balance: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct AccountBorrowed<'a> {
    pub id: i64,
    pub owner_id: i64,
    pub currency: &'a str,
    pub balance: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<AccountBorrowed<'a>> for Account {
    fn from(
        AccountBorrowed {
            id,
            owner_id,
            currency,
            balance,
            created_at,
        }: AccountBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            owner_id,
            currency: currency.into(),
            balance,
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct LockedAccount {
    pub id: i64,
    pub kind: crate::types::AccountKind,
    pub currency: String,
    pub balance: i64,
    pub owns: bool,
}
pub struct LockedAccountBorrowed<'a> {
    pub id: i64,
    pub kind: crate::types::AccountKind,
    pub currency: &'a str,
    pub balance: i64,
    pub owns: bool,
}
impl<'a> From<LockedAccountBorrowed<'a>> for LockedAccount {
    fn from(
        LockedAccountBorrowed {
            id,
            kind,
            currency,
            balance,
            owns,
        }: LockedAccountBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            kind,
            currency: currency.into(),
            balance,
            owns,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    pub id: i64,
    pub from_account_id: i64,
    pub to_account_id: i64,
    pub amount: i64,
    pub currency: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
pub struct TransferBorrowed<'a> {
    pub id: i64,
    pub from_account_id: i64,
    pub to_account_id: i64,
    pub amount: i64,
    pub currency: &'a str,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
impl<'a> From<TransferBorrowed<'a>> for Transfer {
    fn from(
        TransferBorrowed {
            id,
            from_account_id,
            to_account_id,
            amount,
            currency,
            created_at,
        }: TransferBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            from_account_id,
            to_account_id,
            amount,
            currency: currency.into(),
            created_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct Entry {
    pub id: i64,
    pub account_id: i64,
    pub transfer_id: i64,
    pub amount: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyImbalance {
    pub currency: String,
    pub total: i64,
}
pub struct CurrencyImbalanceBorrowed<'a> {
    pub currency: &'a str,
    pub total: i64,
}
impl<'a> From<CurrencyImbalanceBorrowed<'a>> for CurrencyImbalance {
    fn from(CurrencyImbalanceBorrowed { currency, total }: CurrencyImbalanceBorrowed<'a>) -> Self {
        Self {
            currency: currency.into(),
            total,
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct BalanceMismatch {
    pub id: i64,
    pub balance: i64,
    pub entries_total: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct LedgerTotals {
    pub accounts: i64,
    pub transfers: i64,
    pub entries: i64,
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct CardAccounts {
    pub clearing: i64,
    pub revenue: i64,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct AccountQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<AccountBorrowed, tokio_postgres::Error>,
    mapper: fn(AccountBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> AccountQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(AccountBorrowed) -> R) -> AccountQuery<'c, 'a, 's, C, R, N> {
        AccountQuery {
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
pub struct LockedAccountQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LockedAccountBorrowed, tokio_postgres::Error>,
    mapper: fn(LockedAccountBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LockedAccountQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(LockedAccountBorrowed) -> R,
    ) -> LockedAccountQuery<'c, 'a, 's, C, R, N> {
        LockedAccountQuery {
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
pub struct TransferQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<TransferBorrowed, tokio_postgres::Error>,
    mapper: fn(TransferBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> TransferQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(TransferBorrowed) -> R) -> TransferQuery<'c, 'a, 's, C, R, N> {
        TransferQuery {
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
pub struct EntryQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<Entry, tokio_postgres::Error>,
    mapper: fn(Entry) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> EntryQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(Entry) -> R) -> EntryQuery<'c, 'a, 's, C, R, N> {
        EntryQuery {
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
pub struct CurrencyImbalanceQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CurrencyImbalanceBorrowed, tokio_postgres::Error>,
    mapper: fn(CurrencyImbalanceBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CurrencyImbalanceQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(CurrencyImbalanceBorrowed) -> R,
    ) -> CurrencyImbalanceQuery<'c, 'a, 's, C, R, N> {
        CurrencyImbalanceQuery {
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
pub struct BalanceMismatchQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<BalanceMismatch, tokio_postgres::Error>,
    mapper: fn(BalanceMismatch) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> BalanceMismatchQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(BalanceMismatch) -> R,
    ) -> BalanceMismatchQuery<'c, 'a, 's, C, R, N> {
        BalanceMismatchQuery {
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
pub struct LedgerTotalsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<LedgerTotals, tokio_postgres::Error>,
    mapper: fn(LedgerTotals) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> LedgerTotalsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(LedgerTotals) -> R) -> LedgerTotalsQuery<'c, 'a, 's, C, R, N> {
        LedgerTotalsQuery {
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
pub struct CardAccountsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<CardAccounts, tokio_postgres::Error>,
    mapper: fn(CardAccounts) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> CardAccountsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(CardAccounts) -> R) -> CardAccountsQuery<'c, 'a, 's, C, R, N> {
        CardAccountsQuery {
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
pub struct OpenAccountStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn open_account() -> OpenAccountStmt {
    OpenAccountStmt(
        "INSERT INTO accounts (kind, owner_id, currency) VALUES ('user', $1, $2) RETURNING id, owner_id, currency, balance, created_at",
        None,
    )
}
impl OpenAccountStmt {
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
        owner_id: &'a i64,
        currency: &'a T1,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        AccountQuery {
            client,
            params: [owner_id, currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                    Ok(AccountBorrowed {
                        id: row.try_get(0)?,
                        owner_id: row.try_get(1)?,
                        currency: row.try_get(2)?,
                        balance: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                    })
                },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        OpenAccountParams<T1>,
        AccountQuery<'c, 'a, 's, C, Account, 2>,
        C,
    > for OpenAccountStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a OpenAccountParams<T1>,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        self.bind(client, &params.owner_id, &params.currency)
    }
}
pub struct ListAccountsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_accounts() -> ListAccountsStmt {
    ListAccountsStmt(
        "SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE kind = 'user' AND owner_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl ListAccountsStmt {
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
        owner_id: &'a i64,
        after: &'a i64,
        limit: &'a i64,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 3> {
        AccountQuery {
            client,
            params: [owner_id, after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                    Ok(AccountBorrowed {
                        id: row.try_get(0)?,
                        owner_id: row.try_get(1)?,
                        currency: row.try_get(2)?,
                        balance: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                    })
                },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListAccountsParams,
        AccountQuery<'c, 'a, 's, C, Account, 3>,
        C,
    > for ListAccountsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListAccountsParams,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 3> {
        self.bind(client, &params.owner_id, &params.after, &params.limit)
    }
}
pub struct GetAccountStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_account() -> GetAccountStmt {
    GetAccountStmt(
        "SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE id = $1 AND kind = 'user' AND owner_id = $2",
        None,
    )
}
impl GetAccountStmt {
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
        owner_id: &'a i64,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        AccountQuery {
            client,
            params: [id, owner_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                    Ok(AccountBorrowed {
                        id: row.try_get(0)?,
                        owner_id: row.try_get(1)?,
                        currency: row.try_get(2)?,
                        balance: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                    })
                },
            mapper: |it| Account::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetAccountParams,
        AccountQuery<'c, 'a, 's, C, Account, 2>,
        C,
    > for GetAccountStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetAccountParams,
    ) -> AccountQuery<'c, 'a, 's, C, Account, 2> {
        self.bind(client, &params.id, &params.owner_id)
    }
}
pub struct LockAccountsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_accounts() -> LockAccountsStmt {
    LockAccountsStmt(
        "WITH wallets AS ( SELECT id, kind, currency, balance, owner_id IS NOT DISTINCT FROM $1 AS owns FROM accounts WHERE id = ANY($2::bigint[]) AND kind = 'user' ORDER BY id FOR NO KEY UPDATE ) SELECT id, kind, currency, balance, owns FROM wallets UNION ALL SELECT id, kind, currency, balance, false AS owns FROM accounts WHERE kind <> 'user' AND kind = $3 AND currency = $4",
        None,
    )
}
impl LockAccountsStmt {
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
        T1: crate::ArraySql<Item = i64>,
        T2: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        owner_id: &'a Option<i64>,
        ids: &'a T1,
        system_kind: &'a Option<crate::types::AccountKind>,
        system_currency: &'a Option<T2>,
    ) -> LockedAccountQuery<'c, 'a, 's, C, LockedAccount, 4> {
        LockedAccountQuery {
            client,
            params: [owner_id, ids, system_kind, system_currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<LockedAccountBorrowed, tokio_postgres::Error> {
                    Ok(LockedAccountBorrowed {
                        id: row.try_get(0)?,
                        kind: row.try_get(1)?,
                        currency: row.try_get(2)?,
                        balance: row.try_get(3)?,
                        owns: row.try_get(4)?,
                    })
                },
            mapper: |it| LockedAccount::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>, T2: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        LockAccountsParams<T1, T2>,
        LockedAccountQuery<'c, 'a, 's, C, LockedAccount, 4>,
        C,
    > for LockAccountsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a LockAccountsParams<T1, T2>,
    ) -> LockedAccountQuery<'c, 'a, 's, C, LockedAccount, 4> {
        self.bind(
            client,
            &params.owner_id,
            &params.ids,
            &params.system_kind,
            &params.system_currency,
        )
    }
}
pub struct GetWalletStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_wallet() -> GetWalletStmt {
    GetWalletStmt(
        "SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE id = $1 AND kind = 'user'",
        None,
    )
}
impl GetWalletStmt {
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
    ) -> AccountQuery<'c, 'a, 's, C, Account, 1> {
        AccountQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<AccountBorrowed, tokio_postgres::Error> {
                    Ok(AccountBorrowed {
                        id: row.try_get(0)?,
                        owner_id: row.try_get(1)?,
                        currency: row.try_get(2)?,
                        balance: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                    })
                },
            mapper: |it| Account::from(it),
        }
    }
}
pub struct PostTransferStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn post_transfer() -> PostTransferStmt {
    PostTransferStmt(
        "SELECT id, from_account_id, to_account_id, amount, currency, created_at FROM post_transfer($1, $2, $3, $4)",
        None,
    )
}
impl PostTransferStmt {
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
        from_account_id: &'a i64,
        to_account_id: &'a i64,
        amount: &'a i64,
        currency: &'a T1,
    ) -> TransferQuery<'c, 'a, 's, C, Transfer, 4> {
        TransferQuery {
            client,
            params: [from_account_id, to_account_id, amount, currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TransferBorrowed, tokio_postgres::Error> {
                    Ok(TransferBorrowed {
                        id: row.try_get(0)?,
                        from_account_id: row.try_get(1)?,
                        to_account_id: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        created_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Transfer::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        PostTransferParams<T1>,
        TransferQuery<'c, 'a, 's, C, Transfer, 4>,
        C,
    > for PostTransferStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a PostTransferParams<T1>,
    ) -> TransferQuery<'c, 'a, 's, C, Transfer, 4> {
        self.bind(
            client,
            &params.from_account_id,
            &params.to_account_id,
            &params.amount,
            &params.currency,
        )
    }
}
pub struct GetTransferStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn get_transfer() -> GetTransferStmt {
    GetTransferStmt(
        "SELECT t.id, t.from_account_id, t.to_account_id, t.amount, t.currency, t.created_at FROM transfers t WHERE t.id = $1 AND EXISTS ( SELECT 1 FROM accounts a WHERE a.id IN (t.from_account_id, t.to_account_id) AND a.owner_id = $2 )",
        None,
    )
}
impl GetTransferStmt {
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
    ) -> TransferQuery<'c, 'a, 's, C, Transfer, 2> {
        TransferQuery {
            client,
            params: [id, user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<TransferBorrowed, tokio_postgres::Error> {
                    Ok(TransferBorrowed {
                        id: row.try_get(0)?,
                        from_account_id: row.try_get(1)?,
                        to_account_id: row.try_get(2)?,
                        amount: row.try_get(3)?,
                        currency: row.try_get(4)?,
                        created_at: row.try_get(5)?,
                    })
                },
            mapper: |it| Transfer::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        GetTransferParams,
        TransferQuery<'c, 'a, 's, C, Transfer, 2>,
        C,
    > for GetTransferStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a GetTransferParams,
    ) -> TransferQuery<'c, 'a, 's, C, Transfer, 2> {
        self.bind(client, &params.id, &params.user_id)
    }
}
pub struct ListEntriesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn list_entries() -> ListEntriesStmt {
    ListEntriesStmt(
        "SELECT id, account_id, transfer_id, amount, created_at FROM entries WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        None,
    )
}
impl ListEntriesStmt {
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
        account_id: &'a i64,
        after: &'a i64,
        limit: &'a i64,
    ) -> EntryQuery<'c, 'a, 's, C, Entry, 3> {
        EntryQuery {
            client,
            params: [account_id, after, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<Entry, tokio_postgres::Error> {
                Ok(Entry {
                    id: row.try_get(0)?,
                    account_id: row.try_get(1)?,
                    transfer_id: row.try_get(2)?,
                    amount: row.try_get(3)?,
                    created_at: row.try_get(4)?,
                })
            },
            mapper: |it| Entry::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListEntriesParams,
        EntryQuery<'c, 'a, 's, C, Entry, 3>,
        C,
    > for ListEntriesStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListEntriesParams,
    ) -> EntryQuery<'c, 'a, 's, C, Entry, 3> {
        self.bind(client, &params.account_id, &params.after, &params.limit)
    }
}
pub struct CurrencyImbalancesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn currency_imbalances() -> CurrencyImbalancesStmt {
    CurrencyImbalancesStmt(
        "SELECT currency, sum(e.amount)::bigint AS total FROM entries e JOIN accounts a ON a.id = e.account_id GROUP BY currency HAVING sum(e.amount) <> 0",
        None,
    )
}
impl CurrencyImbalancesStmt {
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
    ) -> CurrencyImbalanceQuery<'c, 'a, 's, C, CurrencyImbalance, 0> {
        CurrencyImbalanceQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<CurrencyImbalanceBorrowed, tokio_postgres::Error> {
                Ok(CurrencyImbalanceBorrowed {
                    currency: row.try_get(0)?,
                    total: row.try_get(1)?,
                })
            },
            mapper: |it| CurrencyImbalance::from(it),
        }
    }
}
pub struct BalanceMismatchesStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn balance_mismatches() -> BalanceMismatchesStmt {
    BalanceMismatchesStmt(
        "SELECT a.id, a.balance, coalesce(e.total, 0)::bigint AS entries_total FROM accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM entries GROUP BY account_id) e ON e.account_id = a.id WHERE a.kind = 'user' AND (a.balance <> coalesce(e.total, 0) OR a.balance < 0)",
        None,
    )
}
impl BalanceMismatchesStmt {
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
    ) -> BalanceMismatchQuery<'c, 'a, 's, C, BalanceMismatch, 0> {
        BalanceMismatchQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<BalanceMismatch, tokio_postgres::Error> {
                    Ok(BalanceMismatch {
                        id: row.try_get(0)?,
                        balance: row.try_get(1)?,
                        entries_total: row.try_get(2)?,
                    })
                },
            mapper: |it| BalanceMismatch::from(it),
        }
    }
}
pub struct LedgerTotalsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn ledger_totals() -> LedgerTotalsStmt {
    LedgerTotalsStmt(
        "SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM transfers) AS transfers, (SELECT count(*) FROM entries) AS entries",
        None,
    )
}
impl LedgerTotalsStmt {
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
    ) -> LedgerTotalsQuery<'c, 'a, 's, C, LedgerTotals, 0> {
        LedgerTotalsQuery {
            client,
            params: [],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<LedgerTotals, tokio_postgres::Error> {
                Ok(LedgerTotals {
                    accounts: row.try_get(0)?,
                    transfers: row.try_get(1)?,
                    entries: row.try_get(2)?,
                })
            },
            mapper: |it| LedgerTotals::from(it),
        }
    }
}
pub struct CardAccountsStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn card_accounts() -> CardAccountsStmt {
    CardAccountsStmt(
        "SELECT (SELECT id FROM accounts WHERE kind = 'clearing' AND currency = $1) AS clearing, (SELECT id FROM accounts WHERE kind = 'revenue' AND currency = $1) AS revenue",
        None,
    )
}
impl CardAccountsStmt {
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
    ) -> CardAccountsQuery<'c, 'a, 's, C, CardAccounts, 1> {
        CardAccountsQuery {
            client,
            params: [currency],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<CardAccounts, tokio_postgres::Error> {
                Ok(CardAccounts {
                    clearing: row.try_get(0)?,
                    revenue: row.try_get(1)?,
                })
            },
            mapper: |it| CardAccounts::from(it),
        }
    }
}
