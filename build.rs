//! Embeds migrations/NNNNNN_name.{up,down}.sql (golang-migrate layout) into the binary, in
//! version order, as `MIGRATIONS` (see src/ops/migrate.rs).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut migrations = Vec::new();
    for entry in fs::read_dir(&dir).expect("migrations/ exists") {
        let file_name = entry.expect("readable migrations/").file_name();
        let file_name = file_name.to_str().expect("UTF-8 file names");
        let Some(stem) = file_name.strip_suffix(".up.sql") else {
            continue;
        };
        let (version, name) = stem
            .split_once('_')
            .unwrap_or_else(|| panic!("{file_name}: expected NNNNNN_name.up.sql"));
        let version: i64 = version
            .parse()
            .unwrap_or_else(|_| panic!("{file_name}: the version is not a number"));
        let down = dir.join(format!("{stem}.down.sql"));
        assert!(down.exists(), "{file_name} has no {stem}.down.sql");
        migrations.push((version, name.to_owned(), dir.join(file_name), down));
    }
    migrations.sort_by_key(|m| m.0);
    for pair in migrations.windows(2) {
        assert!(
            pair[0].0 != pair[1].0,
            "two migrations have version {}",
            pair[0].0
        );
    }
    let mut out = String::from("/// The migrations in migrations/, in version order.\n");
    out.push_str("pub static MIGRATIONS: &[Migration] = &[\n");
    for (version, name, up, down) in &migrations {
        out.push_str(&format!(
            "    Migration {{ version: {version}, name: {name:?}, up: include_str!({up:?}), \
             down: include_str!({down:?}) }},\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("migrations.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
