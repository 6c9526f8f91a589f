// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct ReplaceStaffTheatersParams<T1: crate::ArraySql<Item = i64>> {
    pub user_id: i64,
    pub theater_ids: T1,
}
#[derive(Debug, Clone, PartialEq)]
pub struct StaffTheaters {
    pub user_id: i64,
    pub theater_ids: Vec<i64>,
}
pub struct StaffTheatersBorrowed<'a> {
    pub user_id: i64,
    pub theater_ids: crate::ArrayIterator<'a, i64>,
}
impl<'a> From<StaffTheatersBorrowed<'a>> for StaffTheaters {
    fn from(
        StaffTheatersBorrowed {
            user_id,
            theater_ids,
        }: StaffTheatersBorrowed<'a>,
    ) -> Self {
        Self {
            user_id,
            theater_ids: theater_ids.map(|v| v).collect(),
        }
    }
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct UserRoleQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<crate::types::UserRole, tokio_postgres::Error>,
    mapper: fn(crate::types::UserRole) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> UserRoleQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(crate::types::UserRole) -> R,
    ) -> UserRoleQuery<'c, 'a, 's, C, R, N> {
        UserRoleQuery {
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
pub struct StaffTheatersQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<StaffTheatersBorrowed, tokio_postgres::Error>,
    mapper: fn(StaffTheatersBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> StaffTheatersQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(StaffTheatersBorrowed) -> R,
    ) -> StaffTheatersQuery<'c, 'a, 's, C, R, N> {
        StaffTheatersQuery {
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
pub struct LockStaffMemberStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn lock_staff_member() -> LockStaffMemberStmt {
    LockStaffMemberStmt("SELECT role FROM users WHERE id = $1 FOR UPDATE", None)
}
impl LockStaffMemberStmt {
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
    ) -> UserRoleQuery<'c, 'a, 's, C, crate::types::UserRole, 1> {
        UserRoleQuery {
            client,
            params: [user_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row| Ok(row.try_get(0)?),
            mapper: |it| it,
        }
    }
}
pub struct ReplaceStaffTheatersStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn replace_staff_theaters() -> ReplaceStaffTheatersStmt {
    ReplaceStaffTheatersStmt(
        "WITH removed AS ( DELETE FROM staff_theaters WHERE user_id = $1 AND theater_id <> ALL ($2::bigint[]) ), added AS ( INSERT INTO staff_theaters (user_id, theater_id) SELECT $1, id FROM unnest($2::bigint[]) AS wanted (id) ON CONFLICT DO NOTHING ) SELECT $1::bigint AS user_id, coalesce(array_agg(DISTINCT id ORDER BY id), '{}') AS theater_ids FROM unnest($2::bigint[]) AS wanted (id)",
        None,
    )
}
impl ReplaceStaffTheatersStmt {
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
        user_id: &'a i64,
        theater_ids: &'a T1,
    ) -> StaffTheatersQuery<'c, 'a, 's, C, StaffTheaters, 2> {
        StaffTheatersQuery {
            client,
            params: [user_id, theater_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<StaffTheatersBorrowed, tokio_postgres::Error> {
                    Ok(StaffTheatersBorrowed {
                        user_id: row.try_get(0)?,
                        theater_ids: row.try_get(1)?,
                    })
                },
            mapper: |it| StaffTheaters::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ReplaceStaffTheatersParams<T1>,
        StaffTheatersQuery<'c, 'a, 's, C, StaffTheaters, 2>,
        C,
    > for ReplaceStaffTheatersStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ReplaceStaffTheatersParams<T1>,
    ) -> StaffTheatersQuery<'c, 'a, 's, C, StaffTheaters, 2> {
        self.bind(client, &params.user_id, &params.theater_ids)
    }
}
