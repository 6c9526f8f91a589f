//! The local PostgreSQL launcher.

use boxoffice::ops::local_pg::LocalPostgres;

/// LOCAL_PG_DIR is a path, never shell text: a folder named like a command substitution
/// starts a server, and the command is not run.
#[tokio::test]
async fn a_data_folder_named_like_a_shell_command_is_only_a_name() {
    let tmp = std::env::temp_dir();
    let marker = tmp.join(format!("boxoffice-injected-{}", std::process::id()));
    let dir = tmp.join(format!(
        "boxoffice-pg-'$(touch {})'-\"`touch {}`\"",
        marker.display(),
        marker.display()
    ));
    let start = dir.clone();
    let server = tokio::task::spawn_blocking(move || LocalPostgres::start_persistent(&start))
        .await
        .unwrap()
        .expect("the server starts in a folder with quotes and $ in its name");
    let (client, connection) =
        tokio_postgres::connect(&server.url("postgres"), tokio_postgres::NoTls)
            .await
            .expect("it accepts connections");
    tokio::spawn(connection);
    let one: i32 = client.query_one("SELECT 1", &[]).await.unwrap().get(0);
    assert_eq!(one, 1);
    drop(client);
    tokio::task::spawn_blocking(move || drop(server))
        .await
        .unwrap();
    let injected = marker.exists();
    let _ = std::fs::remove_file(&marker);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!injected, "a shell ran the folder's name");
}
