//! `just vet`: what compiling a query cannot tell.
//!
//! cornucopia checks that each named query fits the schema. vet checks the rest, against a
//! throwaway PostgreSQL migrated and loaded with the benchmark's data set (`bench/load.sql`),
//! for the very queries cornucopia compiled:
//!
//! - **plans**: each query is prepared and EXPLAINed under a generic plan
//!   (`plan_cache_mode = force_generic_plan`, as the service's cached statements run); a
//!   sequential scan over a table of more than [`SEQ_SCAN_ROWS`] rows fails unless the query
//!   says why it is fine (`-- vet: allow seq scan: <reason>`), and so does a scan of such a
//!   table filtered by an optional parameter (`:p IS NULL OR …`), which the cached plan
//!   cannot serve from an index (`-- vet: allow optional filter: <reason>`). Run as the
//!   service's role, so a missing grant fails too;
//! - **nullability**: each result column that PostgreSQL traces to a nullable table column,
//!   or to a table on the nullable side of an outer join, must be declared nullable (`?`): a
//!   forgotten `?` compiles and then fails at run time (`WasNull`). A column declared
//!   nullable that never can be is a warning; one PostgreSQL cannot trace (an expression, a
//!   view's column) is listed for a person to decide (`-- vet: not null: <columns>: <reason>`);
//! - **the previous release**: the queries of an earlier commit are prepared against the
//!   current migrations, so a migration that breaks a query the running replicas still
//!   execute fails before it is deployed ([`check_previous`]).

pub mod plan;
pub mod queries;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use local_pg::LocalPostgres;
use tokio_postgres::{Client, NoTls};

use crate::queries::Query;

/// A sequential scan over a table with more rows than this fails the plan check.
pub const SEQ_SCAN_ROWS: f64 = 2000.0;

/// The role the service connects as (migrations/000010_service_role.up.sql).
const SERVICE_ROLE: &str = "boxoffice_app";

/// Where vet reads what it checks.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// `queries/`: names, row types, annotations.
    pub queries: PathBuf,
    /// `codegen/src/queries/`: the SQL cornucopia compiled.
    pub codegen: PathBuf,
    /// `migrations/`: the `*.up.sql` files, applied in name order.
    pub migrations: PathBuf,
    /// The data set (`bench/load.sql`), loaded with psql.
    pub data: PathBuf,
}

impl Inputs {
    /// The repository's own files.
    pub fn of_repository(root: &Path) -> Self {
        Inputs {
            queries: root.join("queries"),
            codegen: root.join("codegen/src/queries"),
            migrations: root.join("migrations"),
            data: root.join("bench/load.sql"),
        }
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Fails vet.
    Error,
    /// Printed, for a person to look at.
    Warning,
    /// A decision the query records (an allowed sequential scan), printed for the record.
    Note,
}

/// One thing vet found about a query.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Error or warning.
    pub level: Level,
    /// What, in words.
    pub message: String,
}

/// What vet found about one query.
#[derive(Debug)]
pub struct QueryReport {
    /// `file.query`.
    pub id: String,
    /// The plan's shape on one line.
    pub shape: String,
    /// The indexes the plan uses.
    pub indexes: BTreeSet<String>,
    /// Errors and warnings.
    pub findings: Vec<Finding>,
}

impl QueryReport {
    /// Whether any finding is an error.
    pub fn failed(&self) -> bool {
        self.findings.iter().any(|f| f.level == Level::Error)
    }
}

/// A migrated, loaded throwaway database, stopped when dropped.
pub struct Database {
    server: Option<LocalPostgres>,
    /// As the superuser, for the catalog.
    pub admin: Client,
    /// As the service's role, for preparing and explaining.
    pub service: Client,
}

impl Database {
    /// Starts a throwaway PostgreSQL, applies `inputs.migrations` and then `extra` (more
    /// `.up.sql` files, e.g. a planted one), and loads `inputs.data` when `load` is set.
    pub async fn start(inputs: &Inputs, extra: &[PathBuf], load: bool) -> Result<Self, String> {
        let server = tokio::task::spawn_blocking(LocalPostgres::start_throwaway)
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("starting PostgreSQL: {e}"))?;
        let (admin, connection) = tokio_postgres::connect(&server.url("postgres"), NoTls)
            .await
            .map_err(|e| format!("connecting: {e}"))?;
        tokio::spawn(connection);
        admin
            .batch_execute("CREATE DATABASE vet")
            .await
            .map_err(|e| e.to_string())?;
        let (admin, connection) = tokio_postgres::connect(&server.url("vet"), NoTls)
            .await
            .map_err(|e| format!("connecting: {e}"))?;
        tokio::spawn(connection);
        let mut migrations: Vec<PathBuf> = std::fs::read_dir(&inputs.migrations)
            .map_err(|e| format!("{}: {e}", inputs.migrations.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.to_string_lossy().ends_with(".up.sql"))
            .collect();
        migrations.sort();
        migrations.extend(extra.iter().cloned());
        for migration in &migrations {
            let sql = std::fs::read_to_string(migration).map_err(|e| e.to_string())?;
            admin
                .batch_execute(&sql)
                .await
                .map_err(|e| format!("{}: {}", migration.display(), error_text(&e)))?;
        }
        if load {
            load_data(&server, &inputs.data)?;
        }
        admin
            .batch_execute(&format!("ALTER ROLE {SERVICE_ROLE} WITH LOGIN"))
            .await
            .map_err(|e| e.to_string())?;
        let (service, connection) =
            tokio_postgres::connect(&server.url_as(SERVICE_ROLE, "vet"), NoTls)
                .await
                .map_err(|e| format!("connecting as {SERVICE_ROLE}: {e}"))?;
        tokio::spawn(connection);
        service
            .batch_execute("SET plan_cache_mode = force_generic_plan")
            .await
            .map_err(|e| e.to_string())?;
        Ok(Database {
            server: Some(server),
            admin,
            service,
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            // Stopping waits for the server; do not block the runtime's worker with it.
            std::thread::spawn(move || drop(server));
        }
    }
}

/// `psql -f data` with the one variable it needs: a password hash for the bench users.
fn load_data(server: &LocalPostgres, data: &Path) -> Result<(), String> {
    let decoy = "$argon2id$v=19$m=19456,t=2,p=1$YQ3ayoLn3m4ISwN0U6BClQ$\
                 hIsIKBr49OVU12b3byqVyRybelC4reXOirmiYhpG6Pw";
    let output = std::process::Command::new(server.bindir().join("psql"))
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v"])
        .arg(format!("password_hash={decoy}"))
        .arg("-f")
        .arg(data)
        .arg(server.url("vet"))
        .output()
        .map_err(|e| format!("psql: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "loading {}: {}",
            data.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}

/// Vets every query of `inputs` against a database loaded with the data set.
pub async fn vet(inputs: &Inputs) -> Result<Vec<QueryReport>, String> {
    let queries = queries::load(&inputs.queries, &inputs.codegen)?;
    let database = Database::start(inputs, &[], true).await?;
    let mut reports = Vec::new();
    for query in &queries {
        reports.push(vet_query(&database, query).await?);
    }
    Ok(reports)
}

/// The plan and nullability checks of one query.
pub async fn vet_query(database: &Database, query: &Query) -> Result<QueryReport, String> {
    let mut report = QueryReport {
        id: query.id.clone(),
        shape: String::new(),
        indexes: BTreeSet::new(),
        findings: Vec::new(),
    };
    let error = |message: String| Finding {
        level: Level::Error,
        message,
    };
    let statement = match database.service.prepare(&query.sql).await {
        Ok(statement) => statement,
        Err(err) => {
            report.findings.push(error(format!(
                "does not prepare as {SERVICE_ROLE}: {}",
                error_text(&err)
            )));
            return Ok(report);
        }
    };
    let explain = match explain(&database.service, &query.sql, statement.params().len()).await {
        Ok(explain) => explain,
        Err(err) => {
            report.findings.push(error(format!(
                "cannot be explained as {SERVICE_ROLE}: {err}"
            )));
            return Ok(report);
        }
    };
    let plan = plan::summarize(&explain);
    report.shape = plan.shape.clone();
    report.indexes = plan.indexes.clone();

    let checks = [
        (
            &plan.seq_scans,
            "seq scan",
            &query.allow_seq_scan,
            "add an index",
        ),
        (
            &plan.optional_filters,
            "optional filter",
            &query.allow_optional_filter,
            "give the filter a query of its own in which it is required, so that the cached \
             plan can use an index",
        ),
    ];
    for (tables, what, allowed, remedy) in checks {
        for table in tables {
            let rows: f32 = database
                .admin
                .query_one(
                    "SELECT reltuples FROM pg_class WHERE oid = $1::text::regclass",
                    &[table],
                )
                .await
                .map_err(|e| e.to_string())?
                .get(0);
            if f64::from(rows) > SEQ_SCAN_ROWS {
                let finding = match allowed {
                    Some(reason) => Finding {
                        level: Level::Note,
                        message: format!("{what} on {table} ({rows} rows), allowed: {reason}"),
                    },
                    None => error(format!(
                        "{what} on {table} ({rows} rows): {remedy}, or say why with \
                         `-- vet: allow {what}: <reason>`"
                    )),
                };
                report.findings.push(finding);
            }
        }
    }

    for column in statement.columns() {
        let name = column.name();
        let declared_nullable = query.nullable.contains(name);
        let traced = match (column.table_oid(), column.column_id()) {
            (Some(table), Some(attnum)) if table != 0 && attnum > 0 => {
                traced_column(&database.admin, table, attnum).await?
            }
            _ => None,
        };
        match traced {
            Some(traced) => {
                let outer = plan.nullable_side.contains(&traced.table)
                    && !plan.kept_side.contains(&traced.table);
                let may_be_null = !traced.not_null || outer;
                let why = if traced.not_null {
                    format!("{} is on the nullable side of an outer join", traced.table)
                } else {
                    format!("{}.{} is nullable", traced.table, traced.column)
                };
                let decided = query.decided_not_null.contains(name);
                if may_be_null && !declared_nullable && !decided {
                    report.findings.push(error(format!(
                        "column `{name}` can be null ({why}) but is not declared `{name}?` \
                         (or, if a constraint rules it out, `-- vet: not null: {name}: <why>`)"
                    )));
                } else if !may_be_null && declared_nullable {
                    report.findings.push(Finding {
                        level: Level::Warning,
                        message: format!(
                            "column `{name}` is declared nullable but {}.{} is NOT NULL",
                            traced.table, traced.column
                        ),
                    });
                }
            }
            None if !declared_nullable && !query.decided_not_null.contains(name) => {
                report.findings.push(Finding {
                    level: Level::Warning,
                    message: format!(
                        "column `{name}` is not a table column PostgreSQL can trace; decide: \
                         declare `{name}?`, or `-- vet: not null: {name}: <why>`"
                    ),
                });
            }
            None => {}
        }
    }
    Ok(report)
}

/// A result column traced to a table column.
struct TracedColumn {
    /// `schema.table`.
    table: String,
    column: String,
    not_null: bool,
}

/// The table column behind a result column, if it belongs to a table (a view's columns are
/// not traced further: PostgreSQL does not say which table column they come from).
async fn traced_column(
    admin: &Client,
    table: u32,
    attnum: i16,
) -> Result<Option<TracedColumn>, String> {
    let row = admin
        .query_opt(
            "SELECT n.nspname || '.' || c.relname, a.attname::text, a.attnotnull
             FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE a.attrelid = $1 AND a.attnum = $2 AND c.relkind IN ('r', 'p')",
            &[&table, &attnum],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.map(|row| TracedColumn {
        table: row.get(0),
        column: row.get(1),
        not_null: row.get(2),
    }))
}

/// `EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE` of `sql` prepared with `params` parameters, all
/// given as NULL (under a generic plan their values do not matter).
async fn explain(service: &Client, sql: &str, params: usize) -> Result<serde_json::Value, String> {
    service
        .batch_execute(&format!("PREPARE vet_statement AS {sql}"))
        .await
        .map_err(|e| error_text(&e))?;
    let arguments = vec!["NULL"; params].join(", ");
    let execute = if params == 0 {
        "EXECUTE vet_statement".to_owned()
    } else {
        format!("EXECUTE vet_statement({arguments})")
    };
    // The simple protocol gives the JSON as text, whatever its type.
    let explained = service
        .simple_query(&format!("EXPLAIN (FORMAT JSON, VERBOSE) {execute}"))
        .await
        .map_err(|e| error_text(&e));
    service
        .batch_execute("DEALLOCATE vet_statement")
        .await
        .map_err(|e| error_text(&e))?;
    let text = explained?
        .into_iter()
        .find_map(|message| match message {
            tokio_postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_owned),
            _ => None,
        })
        .ok_or("EXPLAIN returned no plan")?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The previous release's queries (the SQL of an earlier `codegen/src/queries/`) prepared
/// against the current migrations: one error per query that no longer prepares.
pub async fn check_previous(
    inputs: &Inputs,
    previous_codegen: &Path,
    extra_migrations: &[PathBuf],
) -> Result<Vec<(String, Finding)>, String> {
    let previous = queries::compiled(previous_codegen)?;
    let database = Database::start(inputs, extra_migrations, false).await?;
    let mut broken = Vec::new();
    for (id, sql) in previous {
        if let Err(err) = database.service.prepare(&sql).await {
            broken.push((
                id,
                Finding {
                    level: Level::Error,
                    message: format!(
                        "no longer prepares against the new schema: {}",
                        error_text(&err)
                    ),
                },
            ));
        }
    }
    Ok(broken)
}

/// A database error's message (tokio-postgres' Display says only "db error").
pub fn error_text(err: &tokio_postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => err.to_string(),
    }
}
