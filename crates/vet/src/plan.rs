//! Reading a plan: `EXPLAIN (FORMAT JSON, VERBOSE)` of a prepared statement under a generic
//! plan, as the service's statements run once they are cached.

use std::collections::BTreeSet;

use serde_json::Value;

/// What vet needs to know of one plan.
#[derive(Debug, Default)]
pub struct PlanSummary {
    /// The plan's shape on one line: each node, what it scans and with which index, its
    /// children in parentheses.
    pub shape: String,
    /// The indexes it uses.
    pub indexes: BTreeSet<String>,
    /// Tables read by a sequential scan (`schema.table`).
    pub seq_scans: BTreeSet<String>,
    /// Tables scanned on the nullable side of an outer join somewhere (`schema.table`).
    pub nullable_side: BTreeSet<String>,
    /// Tables scanned where every row is kept (`schema.table`).
    pub kept_side: BTreeSet<String>,
    /// Tables scanned with a filter that tests a parameter for null (`$2 IS NULL OR …`, an
    /// optional filter): the cached plan cannot use an index for it, so the scan reads rows
    /// it then throws away whenever the parameter is given (`schema.table`).
    pub optional_filters: BTreeSet<String>,
}

/// Summarizes the output of `EXPLAIN (FORMAT JSON, VERBOSE)`.
pub fn summarize(explain: &Value) -> PlanSummary {
    let mut summary = PlanSummary::default();
    if let Some(plan) = explain.get(0).and_then(|p| p.get("Plan")) {
        summary.shape = walk(plan, false, &mut summary);
    }
    summary
}

fn walk(node: &Value, nullable: bool, summary: &mut PlanSummary) -> String {
    let kind = node["Node Type"].as_str().unwrap_or("?");
    let mut label = kind.to_owned();
    if let Some(relation) = node["Relation Name"].as_str() {
        let qualified = format!("{}.{relation}", node["Schema"].as_str().unwrap_or("public"));
        label.push_str(&format!(" on {relation}"));
        // A table written to (ModifyTable) is not read, so it is on no side of a join.
        if kind != "ModifyTable" {
            if nullable {
                summary.nullable_side.insert(qualified.clone());
            } else {
                summary.kept_side.insert(qualified.clone());
            }
        }
        // An index condition that matches a parameter exactly (`user_id = $1`) already
        // narrows the scan to few rows; an optional filter on those costs little.
        let narrowed = node["Index Cond"]
            .as_str()
            .or(node["Recheck Cond"].as_str())
            .is_some_and(|cond| cond.contains(" = $"));
        if !narrowed
            && node["Filter"]
                .as_str()
                .is_some_and(tests_a_parameter_for_null)
        {
            summary.optional_filters.insert(qualified.clone());
        }
        if kind == "Seq Scan" {
            summary.seq_scans.insert(qualified);
        }
    }
    if let Some(function) = node["Function Name"].as_str() {
        label.push_str(&format!(" of {function}"));
    }
    if let Some(index) = node["Index Name"].as_str() {
        label.push_str(&format!(" using {index}"));
        summary.indexes.insert(index.to_owned());
    }
    let join = node["Join Type"].as_str().unwrap_or("");
    let children: Vec<String> = node["Plans"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, child)| {
            // Which side of an outer join gives rows of nulls: the inner one of a left join,
            // the outer one of a right join, both of a full join.
            let side_nullable = match join {
                "Left" => i == 1,
                "Right" => i == 0,
                "Full" => true,
                _ => false,
            };
            walk(child, nullable || side_nullable, summary)
        })
        .collect();
    if children.is_empty() {
        label
    } else {
        format!("{label}({})", children.join(", "))
    }
}

/// Whether a plan's filter tests a parameter for null: `($2 IS NULL)`, `(($4)::date IS NULL)`.
fn tests_a_parameter_for_null(filter: &str) -> bool {
    let mut pieces: Vec<&str> = filter.split(" IS NULL").collect();
    pieces.pop();
    pieces.iter().any(|before| {
        let operand = before.rsplit(['(', ' ']).next().unwrap_or_default();
        operand.starts_with('$') && operand[1..].starts_with(|c: char| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nullable_side_of_a_left_join_and_the_seq_scans_are_found() {
        let explain = serde_json::json!([{ "Plan": {
            "Node Type": "Hash Join", "Join Type": "Left",
            "Plans": [
                { "Node Type": "Seq Scan", "Relation Name": "accounts", "Schema": "public" },
                { "Node Type": "Hash", "Plans": [
                    { "Node Type": "Index Scan", "Relation Name": "entries", "Schema": "public",
                      "Index Name": "entries_account_id_idx" }
                ]}
            ]
        }}]);
        let summary = summarize(&explain);
        assert_eq!(
            summary.shape,
            "Hash Join(Seq Scan on accounts, Hash(Index Scan on entries using \
             entries_account_id_idx))"
        );
        assert!(summary.seq_scans.contains("public.accounts"));
        assert!(summary.nullable_side.contains("public.entries"));
        assert!(summary.kept_side.contains("public.accounts"));
        assert!(summary.indexes.contains("entries_account_id_idx"));
        assert!(summary.optional_filters.is_empty());
    }

    #[test]
    fn a_filter_that_tests_a_parameter_for_null_is_an_optional_filter() {
        let explain = serde_json::json!([{ "Plan": {
            "Node Type": "Limit",
            "Plans": [
                { "Node Type": "Index Scan", "Relation Name": "screenings", "Schema": "public",
                  "Index Name": "screenings_pkey",
                  "Filter": "((($2)::bigint IS NULL) OR (s.movie_id = $2))" },
                { "Node Type": "Seq Scan", "Relation Name": "movies", "Schema": "public",
                  "Filter": "(m.release_date IS NULL)" }
            ]
        }}]);
        let summary = summarize(&explain);
        assert!(summary.optional_filters.contains("public.screenings"));
        let narrowed = serde_json::json!([{ "Plan": {
            "Node Type": "Index Scan", "Relation Name": "orders", "Schema": "public",
            "Index Name": "orders_user_id_idx",
            "Index Cond": "((orders.user_id = $1) AND (orders.id > $2))",
            "Filter": "(($3 IS NULL) OR (orders.status = $3))"
        }}]);
        assert!(summarize(&narrowed).optional_filters.is_empty());
        assert!(!summary.optional_filters.contains("public.movies"));
        assert!(tests_a_parameter_for_null("($4 IS NULL)"));
        assert!(!tests_a_parameter_for_null("(x.held_until IS NULL)"));
    }
}
