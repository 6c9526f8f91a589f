//! The named queries, as cornucopia compiles them: the SQL from the generated crate
//! (`codegen/src/queries/*.rs`, exactly what the service runs), and what the query files
//! (`queries/*.sql`) declare about them: which result columns may be null (`?`), and vet's
//! own annotations in comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One named query.
#[derive(Debug, Clone)]
pub struct Query {
    /// `file.query_name`, as in the generated crate (`codegen::queries::file::query_name`).
    pub id: String,
    /// The SQL the service prepares, `$n` parameters.
    pub sql: String,
    /// Result columns declared nullable (`?`), by name.
    pub nullable: BTreeSet<String>,
    /// `-- vet: allow seq scan: <reason>`: a sequential scan is acceptable, and why.
    pub allow_seq_scan: Option<String>,
    /// `-- vet: allow optional filter: <reason>`: a scan filtered by an optional parameter
    /// (`:p IS NULL OR …`) is acceptable, and why.
    pub allow_optional_filter: Option<String>,
    /// `-- vet: not null: <column>, …: <reason>`: result columns PostgreSQL cannot trace to
    /// a table column, decided by a person to never be null.
    pub decided_not_null: BTreeSet<String>,
}

/// Reads every query: the names and annotations of `queries_dir/*.sql`, the SQL of
/// `codegen_dir/*.rs`. The two lists must name the same queries, or it is an error (the
/// generated crate is stale).
pub fn load(queries_dir: &Path, codegen_dir: &Path) -> Result<Vec<Query>, String> {
    let declared = declared_queries(queries_dir)?;
    let compiled = compiled(codegen_dir)?;
    let declared_ids: BTreeSet<&String> = declared.keys().collect();
    let compiled_ids: BTreeSet<&String> = compiled.keys().collect();
    if declared_ids != compiled_ids {
        let missing: Vec<_> = declared_ids.difference(&compiled_ids).collect();
        let extra: Vec<_> = compiled_ids.difference(&declared_ids).collect();
        return Err(format!(
            "queries/ and codegen/ name different queries (run `just codegen`): only in \
             queries/: {missing:?}; only in codegen/: {extra:?}"
        ));
    }
    Ok(declared
        .into_iter()
        .map(|(id, mut query)| {
            query.sql = compiled[&id].clone();
            query
        })
        .collect())
}

/// The queries of `dir/*.sql` with their declarations (no SQL yet), by id.
fn declared_queries(dir: &Path) -> Result<BTreeMap<String, Query>, String> {
    let mut queries = BTreeMap::new();
    for (file, text) in files(dir, "sql")? {
        let mut row_types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<Query> = None;
        for line in text.lines() {
            let line = line.trim();
            if let Some(declaration) = line.strip_prefix("--:") {
                let (name, fields) = name_and_fields(declaration.trim());
                row_types.insert(name, nullable_fields(&fields));
            } else if let Some(header) = line.strip_prefix("--!") {
                if let Some(done) = current.take() {
                    queries.insert(done.id.clone(), done);
                }
                current = Some(parse_header(&file, header.trim(), &row_types)?);
            } else if let Some(comment) = line.strip_prefix("--")
                && let Some(query) = current.as_mut()
            {
                annotate(query, comment.trim())?;
            }
        }
        if let Some(done) = current.take() {
            queries.insert(done.id.clone(), done);
        }
    }
    Ok(queries)
}

/// `name (a?, b) : Type` or `name : (c?)` or `name`.
fn parse_header(
    file: &str,
    header: &str,
    row_types: &BTreeMap<String, BTreeSet<String>>,
) -> Result<Query, String> {
    let name: String = header
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let row = header.rsplit_once(':').map(|(_, row)| row.trim());
    let nullable = match row {
        None => BTreeSet::new(),
        Some(row) if row.starts_with('(') => nullable_fields(row),
        Some(type_name) => row_types
            .get(type_name)
            .cloned()
            .ok_or_else(|| format!("queries/{file}.sql: {name} names an undeclared type"))?,
    };
    Ok(Query {
        id: format!("{file}.{name}"),
        sql: String::new(),
        nullable,
        allow_seq_scan: None,
        allow_optional_filter: None,
        decided_not_null: BTreeSet::new(),
    })
}

/// `Name(a?, b)` → ("Name", "(a?, b)").
fn name_and_fields(declaration: &str) -> (String, String) {
    match declaration.find('(') {
        Some(open) => (
            declaration[..open].trim().to_owned(),
            declaration[open..].to_owned(),
        ),
        None => (declaration.to_owned(), String::new()),
    }
}

/// The `?` fields of `(a?, b, c?)`.
fn nullable_fields(fields: &str) -> BTreeSet<String> {
    fields
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter_map(|field| field.strip_suffix('?'))
        .map(str::to_owned)
        .collect()
}

/// Applies a `vet:` comment to its query.
fn annotate(query: &mut Query, comment: &str) -> Result<(), String> {
    let Some(annotation) = comment.strip_prefix("vet:") else {
        return Ok(());
    };
    let annotation = annotation.trim();
    if let Some(reason) = annotation.strip_prefix("allow seq scan:") {
        query.allow_seq_scan = Some(reason.trim().to_owned());
    } else if let Some(reason) = annotation.strip_prefix("allow optional filter:") {
        query.allow_optional_filter = Some(reason.trim().to_owned());
    } else if let Some(rest) = annotation.strip_prefix("not null:") {
        // Column names hold no colon; the reason may.
        let (columns, _reason) = rest
            .split_once(':')
            .ok_or_else(|| format!("{}: `vet: not null: columns: reason`", query.id))?;
        query
            .decided_not_null
            .extend(columns.split(',').map(|c| c.trim().to_owned()));
    } else {
        return Err(format!(
            "{}: unknown annotation `vet: {annotation}`",
            query.id
        ));
    }
    Ok(())
}

/// The SQL of every `pub fn name() -> NameStmt { NameStmt("…", None) }` in `dir/*.rs` (a
/// generated `codegen/src/queries/`), by id.
pub fn compiled(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut sql = BTreeMap::new();
    for (file, text) in files(dir, "rs")? {
        let mut rest = text.as_str();
        while let Some(at) = rest.find("\npub fn ") {
            rest = &rest[at + "\npub fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let signature = &rest[name.len()..];
            if !signature.starts_with("() -> ") {
                continue;
            }
            let Some(open) = rest.find('"') else {
                break;
            };
            let (literal, after) = rust_string(&rest[open + 1..])
                .ok_or_else(|| format!("codegen/{file}.rs: {name}: unreadable string"))?;
            sql.insert(format!("{file}.{name}"), literal);
            rest = after;
        }
    }
    Ok(sql)
}

/// A Rust string literal's value from just after its opening quote, and the text after it.
fn rust_string(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

/// (file stem, text) of every `dir/*.ext`, by name.
fn files(dir: &Path, ext: &str) -> Result<Vec<(String, String)>, String> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == ext) {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            found.push((stem, text));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_row_types_give_the_nullable_columns() {
        let types = BTreeMap::from([("Movie".to_owned(), nullable_fields("(a?, b, c?)"))]);
        let q = parse_header("movies", "list_movies (q?) : Movie", &types).unwrap();
        assert_eq!(q.id, "movies.list_movies");
        assert_eq!(q.nullable, BTreeSet::from(["a".into(), "c".into()]));
        let q = parse_header("x", "reopens : (seconds?)", &types).unwrap();
        assert_eq!(q.nullable, BTreeSet::from(["seconds".into()]));
        let q = parse_header("x", "purge", &types).unwrap();
        assert!(q.nullable.is_empty());
    }

    #[test]
    fn rust_strings_are_unescaped() {
        let (value, rest) = rust_string(r#"a '\\' \"b\"", None"#).unwrap();
        assert_eq!(value, r#"a '\' "b""#);
        assert_eq!(rest, ", None");
    }
}
