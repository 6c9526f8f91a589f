//! TLS to PostgreSQL: used when the URL asks for it, and the server's certificate verified.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use boxoffice::ops::local_pg::{LocalPostgres, give_to_server_user};
use boxoffice::platform::db;

/// A CA and a certificate it signed for 127.0.0.1, made with the openssl command.
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=boxoffice test CA",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    (
        dir.join("ca.pem"),
        dir.join("server.pem"),
        dir.join("server.key"),
    )
}

async fn uses_tls(pool: &deadpool_postgres::Pool) -> Result<bool, String> {
    let client = pool.get().await.map_err(|e| format!("{e:?}"))?;
    let row = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(row.get(0))
}

#[tokio::test]
async fn connections_use_tls_as_the_url_asks_and_verify_the_server() {
    let dir = std::env::temp_dir().join(format!("boxoffice-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (ca, cert, key) = certificates(&dir);
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    give_to_server_user(&key).unwrap();
    let settings = [
        "ssl=on".to_owned(),
        format!("ssl_cert_file={}", cert.display()),
        format!("ssl_key_file={}", key.display()),
    ];
    let server = tokio::task::spawn_blocking(move || {
        let settings: Vec<&str> = settings.iter().map(String::as_str).collect();
        LocalPostgres::start_throwaway_with(&settings)
    })
    .await
    .unwrap()
    .expect("a PostgreSQL with TLS starts");
    let url = server.url("postgres");

    let with_ca = |query: &str| {
        db::pool_with_tls(&format!("{url}?{query}"), 1, db::tls(Some(&ca)).unwrap()).unwrap()
    };
    assert_eq!(uses_tls(&with_ca("sslmode=require")).await, Ok(true));
    assert_eq!(
        uses_tls(&with_ca("sslmode=prefer")).await,
        Ok(true),
        "prefer takes TLS when offered"
    );
    assert_eq!(uses_tls(&with_ca("sslmode=disable")).await, Ok(false));

    // Without the CA the certificate does not verify, and the connection is refused.
    let untrusted = db::pool(&format!("{url}?sslmode=require"), 1).unwrap();
    let err = uses_tls(&untrusted).await.unwrap_err();
    assert!(err.to_lowercase().contains("certificate"), "{err}");

    // A CA file that is not PEM is refused when the service starts.
    std::fs::write(dir.join("not.pem"), "nothing here").unwrap();
    assert!(db::tls(Some(&dir.join("not.pem"))).is_err());
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
