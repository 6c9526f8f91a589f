//! boxoffice: a movie-ticketing backend, SQL-first on PostgreSQL.
//!
//! Named queries in `queries/*.sql` are compiled by cornucopia into the `codegen` crate; the
//! poem-openapi handlers call them; the OpenAPI document comes out of the handler types.
//!
//! The modules are the architecture:
//!
//! - one per bounded context ([`catalog`], [`ticketing`], [`wallet`], [`concessions`],
//!   [`reviews`], [`identity`], [`events`], [`reports`]), each with its API types and handlers, its workflows and its
//!   row → API mappings;
//! - [`platform`], what every context shares (the database, HTTP plumbing, problem details,
//!   authentication, idempotency, telemetry); it imports no context and names none;
//! - [`ops`], the process-level commands (probes, migrations, the local PostgreSQL, demo
//!   data, admin);
//! - [`app`], the one place that names every context: it gives each its settings, metrics
//!   and errors and assembles them into one service ([`app::Application`]);
//! - [`cli`], the command grammar of the binary.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod concessions;
pub mod events;
pub mod identity;
pub mod ops;
pub mod platform;
pub mod reports;
pub mod reviews;
pub mod ticketing;
pub mod wallet;

/// The module map holds: no two files import each other, directly or through others, and
/// the platform imports no context.
#[cfg(test)]
mod layout {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    const CONTEXTS: &[&str] = &[
        "catalog",
        "ticketing",
        "wallet",
        "concessions",
        "reviews",
        "identity",
        "events",
        "reports",
    ];

    /// Every `.rs` file under `src/`.
    fn source_files() -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        files
    }

    /// Every library file's module path (`["platform", "db"]`) and text, without comments
    /// and without its `#[cfg(test)]` module (tests may import anything).
    fn modules() -> BTreeMap<Vec<String>, String> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut modules = BTreeMap::new();
        for file in source_files() {
            let relative: PathBuf = file.strip_prefix(&src).unwrap().with_extension("");
            let mut path: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
                path.pop();
            }
            if path == ["main"] {
                continue; // the binary, which imports the library by name
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap();
            let code: Vec<&str> = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect();
            modules.insert(path, code.join("\n"));
        }
        modules
    }

    /// The paths a file names after `crate::` or `super::`, braces expanded one path each.
    fn named_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        for (start, root) in text
            .match_indices("crate::")
            .chain(text.match_indices("super::"))
        {
            let base: Vec<String> = if root == "crate::" {
                Vec::new()
            } else {
                module[..module.len().saturating_sub(1)].to_vec()
            };
            let rest = &text[start + root.len()..];
            expand(base, rest, &mut found);
        }
        found
    }

    /// Reads `a::b::{c, d::e}` from the start of `rest` onto `prefix`.
    fn expand(mut prefix: Vec<String>, rest: &str, found: &mut Vec<Vec<String>>) {
        let mut rest = rest;
        loop {
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if ident.is_empty() {
                break;
            }
            prefix.push(ident.clone());
            rest = &rest[ident.len()..];
            if let Some(after) = rest.strip_prefix("::") {
                rest = after;
                if let Some(group) = rest.strip_prefix('{') {
                    let mut depth = 1;
                    let end = group
                        .char_indices()
                        .find(|(_, c)| {
                            depth += match c {
                                '{' => 1,
                                '}' => -1,
                                _ => 0,
                            };
                            depth == 0
                        })
                        .map_or(group.len(), |(i, _)| i);
                    let mut item_depth = 0;
                    let mut item_start = 0;
                    for (i, c) in group[..end].char_indices().chain([(end, ',')]) {
                        match c {
                            '{' => item_depth += 1,
                            '}' => item_depth -= 1,
                            ',' if item_depth == 0 => {
                                let item = group[item_start..i].trim();
                                if !item.is_empty() {
                                    expand(prefix.clone(), item, found);
                                }
                                item_start = i + 1;
                            }
                            _ => {}
                        }
                    }
                    return;
                }
            } else {
                break;
            }
        }
        found.push(prefix);
    }

    /// Which file each file imports from: the longest prefix of each named path that is a
    /// file's module.
    fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
        let modules = modules();
        let mut graph = BTreeMap::new();
        for (module, text) in &modules {
            let mut targets = BTreeSet::new();
            for path in named_paths(module, text) {
                let target = (0..=path.len())
                    .rev()
                    .map(|n| path[..n].to_vec())
                    .find(|prefix| modules.contains_key(prefix))
                    .unwrap_or_default();
                if &target != module {
                    targets.insert(target);
                }
            }
            graph.insert(module.clone(), targets);
        }
        graph
    }

    #[test]
    fn no_file_imports_itself_through_others() {
        let graph = imports();
        // Depth-first search; a path back to a file on the stack is a cycle.
        fn visit(
            node: &Vec<String>,
            graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
            stack: &mut Vec<Vec<String>>,
            done: &mut BTreeSet<Vec<String>>,
        ) {
            if done.contains(node) {
                return;
            }
            if let Some(at) = stack.iter().position(|n| n == node) {
                let cycle: Vec<String> = stack[at..]
                    .iter()
                    .chain([node])
                    .map(|m| format!("crate::{}", m.join("::")))
                    .collect();
                panic!("import cycle: {}", cycle.join(" → "));
            }
            stack.push(node.clone());
            for next in graph.get(node).into_iter().flatten() {
                visit(next, graph, stack, done);
            }
            stack.pop();
            done.insert(node.clone());
        }
        let mut done = BTreeSet::new();
        for node in graph.keys() {
            visit(node, &graph, &mut Vec::new(), &mut done);
        }
        assert!(graph.len() > 20, "the layout test reads the source tree");
    }

    /// Nor does it name one: no path into a context, in code or in a string (a tag, a route
    /// of `poem-openapi`'s attributes), so no context's settings, tags, metrics or errors
    /// live there.
    #[test]
    fn the_platform_names_no_context() {
        for (module, text) in modules() {
            if module.first().map(String::as_str) != Some("platform") {
                continue;
            }
            for context in CONTEXTS.iter().chain(&["ops", "app"]) {
                let path = format!("{context}::");
                // `std::ops::Deref` is the standard library's; `crate::ops::…` and a bare
                // `ops::…` would be ours.
                let named = text.match_indices(&path).any(|(at, _)| {
                    let before = &text[..at];
                    !before.ends_with(|c: char| c.is_alphanumeric() || c == '_')
                        && (!before.ends_with("::")
                            || before.ends_with("crate::")
                            || before.ends_with("super::"))
                });
                assert!(
                    !named,
                    "crate::{} names crate::{context}",
                    module.join("::")
                );
            }
        }
    }

    /// Files stay small enough to read whole: none is over 600 lines, tests included.
    #[test]
    fn no_file_is_over_600_lines() {
        for path in source_files() {
            let lines = std::fs::read_to_string(&path).unwrap().lines().count();
            assert!(lines <= 600, "{} has {lines} lines", path.display());
        }
    }

    #[test]
    fn the_platform_imports_no_context() {
        for (module, targets) in imports() {
            if module.first().map(String::as_str) != Some("platform") {
                continue;
            }
            for target in targets {
                let root = target.first().map(String::as_str).unwrap_or("");
                assert!(
                    !CONTEXTS.contains(&root) && root != "ops" && root != "app",
                    "crate::{} imports crate::{}",
                    module.join("::"),
                    target.join("::")
                );
            }
        }
    }
}
