//! `local-pg [-c NAME=VALUE]... -- COMMAND...`: runs COMMAND against a throwaway PostgreSQL
//! server, as `boxoffice dev-postgres` does, without building the service (so that
//! `just codegen` works while the generated crate is out of date).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut settings = Vec::new();
    let mut command = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-c" | "--setting" => match args.next() {
                Some(setting) => settings.push(setting),
                None => return usage("-c needs NAME=VALUE"),
            },
            "--" => {
                command.extend(args.by_ref());
            }
            other => return usage(&format!("unexpected argument {other:?}")),
        }
    }
    if command.is_empty() {
        return usage("no command to run");
    }
    let settings: Vec<&str> = settings.iter().map(String::as_str).collect();
    match local_pg::run_with_throwaway(&settings, &command) {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(err) => {
            eprintln!("local-pg: {err}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("local-pg: {problem}\nusage: local-pg [-c NAME=VALUE]... -- COMMAND [ARGS]...");
    ExitCode::from(2)
}
