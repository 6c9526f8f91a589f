//! `vet`: see the library's documentation (crates/vet/src/lib.rs).
//!
//!     vet                  vet every query of the repository: plans and nullability
//!     vet --previous DIR   prepare the queries of an earlier codegen/src/queries (DIR)
//!                          against the current migrations
//!
//! Exits 1 when anything fails, 2 when it cannot run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vet::{Inputs, Level};

#[tokio::main]
async fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let inputs = Inputs::of_repository(&root);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [] => vet_queries(&inputs).await,
        [flag, dir] if flag == "--previous" => previous(&inputs, &PathBuf::from(dir)).await,
        _ => Err("usage: vet [--previous DIR]".to_owned()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("vet: {err}");
            ExitCode::from(2)
        }
    }
}

/// Prints one line per query (status, id, plan, indexes) and its findings below; true when
/// nothing failed.
async fn vet_queries(inputs: &Inputs) -> Result<bool, String> {
    let reports = vet::vet(inputs).await?;
    let mut failed = 0;
    let mut warnings = 0;
    for report in &reports {
        let status = if report.failed() { "FAIL" } else { "ok" };
        let indexes: Vec<&str> = report.indexes.iter().map(String::as_str).collect();
        println!(
            "{status:<4} {:<42} {}  [indexes: {}]",
            report.id,
            report.shape,
            if indexes.is_empty() {
                "none".to_owned()
            } else {
                indexes.join(", ")
            }
        );
        for finding in &report.findings {
            let level = match finding.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Note => "note",
            };
            println!("       {level}: {}", finding.message);
        }
        failed += usize::from(report.failed());
        warnings += report
            .findings
            .iter()
            .filter(|f| f.level == Level::Warning)
            .count();
    }
    println!(
        "\nvet: {} queries, {failed} failed, {warnings} warnings",
        reports.len()
    );
    Ok(failed == 0)
}

async fn previous(inputs: &Inputs, dir: &Path) -> Result<bool, String> {
    let broken = vet::check_previous(inputs, dir, &[]).await?;
    for (id, finding) in &broken {
        println!("FAIL {id}: {}", finding.message);
    }
    println!(
        "vet: {} queries of the previous release no longer prepare",
        broken.len()
    );
    Ok(broken.is_empty())
}
