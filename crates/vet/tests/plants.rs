//! vet fails on what it exists to catch: each test plants one mistake in a copy of the
//! repository's queries or migrations and runs vet on it.

use std::path::{Path, PathBuf};

use vet::{Inputs, Level};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of the repository's queries/ and codegen/src/queries/ to plant things in.
struct Copy {
    dir: PathBuf,
    inputs: Inputs,
}

impl Copy {
    fn new(name: &str) -> Copy {
        let root = repository();
        let dir = std::env::temp_dir().join(format!("vet-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut inputs = Inputs::of_repository(&root);
        for (from, to) in [
            (root.join("queries"), dir.join("queries")),
            (root.join("codegen/src/queries"), dir.join("codegen")),
        ] {
            std::fs::create_dir_all(&to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let path = entry.unwrap().path();
                std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            }
        }
        inputs.queries = dir.join("queries");
        inputs.codegen = dir.join("codegen");
        Copy { dir, inputs }
    }

    fn edit(&self, file: &str, edit: impl FnOnce(String) -> String) {
        let path = self.dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(text)).unwrap();
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn errors_of(reports: &[vet::QueryReport], id: &str) -> Vec<String> {
    reports
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no query {id}"))
        .findings
        .iter()
        .filter(|f| f.level == Level::Error)
        .map(|f| f.message.clone())
        .collect()
}

#[tokio::test]
async fn the_repository_passes() {
    let reports = vet::vet(&Inputs::of_repository(&repository()))
        .await
        .unwrap();
    let failed: Vec<_> = reports.iter().filter(|r| r.failed()).collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[tokio::test]
async fn a_planted_sequential_scan_fails() {
    let copy = Copy::new("seq-scan");
    copy.edit("queries/movies.sql", |text| {
        text + "\n--! planted_scan\nSELECT id FROM movies WHERE description = :description;\n"
    });
    copy.edit("codegen/movies.rs", |text| {
        text + "\npub fn planted_scan() -> PlantedScanStmt {\n    PlantedScanStmt(\n        \
                \"SELECT id FROM movies WHERE description = $1\",\n        None,\n    )\n}\n"
    });
    let reports = vet::vet(&copy.inputs).await.unwrap();
    let errors = errors_of(&reports, "movies.planted_scan");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("seq scan on public.movies")),
        "{errors:?}"
    );
}

#[tokio::test]
async fn a_planted_missing_question_mark_fails() {
    let copy = Copy::new("nullable");
    copy.edit("queries/movies.sql", |text| {
        text.replace(
            "--: Movie(release_date?, average_rating?)",
            "--: Movie(average_rating?)",
        )
    });
    let reports = vet::vet(&copy.inputs).await.unwrap();
    let errors = errors_of(&reports, "movies.insert_movie");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`release_date` can be null")),
        "{errors:?}"
    );
}

#[tokio::test]
async fn a_planted_breaking_migration_fails_the_previous_release() {
    let copy = Copy::new("breaking");
    let planted = copy.dir.join("999999_planted.up.sql");
    std::fs::write(
        &planted,
        "ALTER TABLE movies DROP COLUMN release_date CASCADE;",
    )
    .unwrap();
    let inputs = Inputs::of_repository(&repository());
    let broken = vet::check_previous(&inputs, &inputs.codegen, &[planted])
        .await
        .unwrap();
    let ids: Vec<&str> = broken.iter().map(|(id, _)| id.as_str()).collect();
    assert!(ids.contains(&"movies.insert_movie"), "{ids:?}");
    // Without the planted migration, the current queries prepare against the current schema.
    let none = vet::check_previous(&inputs, &inputs.codegen, &[])
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");
}
