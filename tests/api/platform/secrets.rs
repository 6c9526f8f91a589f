//! No secret committed to this repository can configure a service: every example value is a
//! placeholder or a published example, and the service refuses both.

use std::process::Command;

use boxoffice::platform::secret::check_not_placeholder;

/// The literal values on a line that sets a secret: quoted strings, and the bare word after
/// `NAME=` or `NAME:`. Shell expansions (`$(openssl rand …)`, `${VAR}`) and `<…>` holes are
/// not values.
fn literal_values(line: &str, name: &str) -> Vec<String> {
    let mut values = Vec::new();
    for quote in ['"', '\''] {
        let parts: Vec<&str> = line.split(quote).collect();
        values.extend(parts.iter().skip(1).step_by(2).map(|s| s.to_string()));
    }
    if let Some(at) = line.find(name) {
        let rest = line[at + name.len()..].trim_start_matches([':', '=', ' ']);
        let word: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && !['"', '\'', '`', ','].contains(c))
            .collect();
        values.push(word);
    }
    values
        .into_iter()
        .filter(|v| {
            v.len() >= 16
                && !v.contains(name)
                // Expansions, holes and code are not values.
                && !v.contains(['$', '<', '(', ')', '{', '}', ';', '.'])
        })
        .collect()
}

#[test]
fn every_committed_example_secret_is_refused() {
    let root = env!("CARGO_MANIFEST_DIR");
    let listed = Command::new("git")
        .args(["ls-files"])
        .current_dir(root)
        .output()
        .expect("git ls-files");
    let files = String::from_utf8(listed.stdout).unwrap();
    let mut checked = 0;
    for file in files.lines() {
        if file.starts_with("codegen/") || file.ends_with(".lock") || file == "openapi.json" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(format!("{root}/{file}")) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            for name in [
                "TOKEN_SECRET",
                "token_secret",
                "TICKET_SIGNING_KEY",
                "ticket_signing_key",
            ] {
                if !line.contains(name) {
                    continue;
                }
                for value in literal_values(line, name) {
                    checked += 1;
                    assert!(
                        check_not_placeholder(name, &value).is_err(),
                        "{file}:{}: {value:?} would be accepted as a secret; generate it at run \
                         time, or add it to PUBLISHED_EXAMPLE_SECRETS",
                        n + 1
                    );
                }
            }
        }
    }
    assert!(checked > 0, "the scan found the test's own secret");
}
