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

/// An address of this machine that is not loopback, if it has one: what another host would
/// connect to.
fn non_loopback_address() -> Option<std::net::IpAddr> {
    // Connecting a UDP socket sends nothing; it only picks the outgoing interface.
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("10.255.255.255:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// Without `sslmode` in the URL, a server that is not on this machine must speak TLS: a
/// password never crosses the network in the clear because the server did not offer TLS.
/// Loopback keeps `prefer`, and the URL's own `sslmode` wins.
#[tokio::test]
async fn a_remote_server_without_sslmode_must_speak_tls() {
    let Some(ip) = non_loopback_address() else {
        eprintln!("no address but loopback on this machine; nothing to test");
        return;
    };
    let mut server = tokio::task::spawn_blocking(move || {
        LocalPostgres::start_throwaway_with(&["listen_addresses=*"])
    })
    .await
    .unwrap()
    .expect("a PostgreSQL without TLS, on every address");
    // Let clients of this machine's other address in, as a remote server would.
    let hba = server.data_dir().join("pg_hba.conf");
    let mut rules = std::fs::read_to_string(&hba).unwrap();
    rules.push_str(&format!("host all all {ip}/32 trust\n"));
    std::fs::write(&hba, rules).unwrap();
    let local = server.url("postgres");
    let (client, connection) = tokio_postgres::connect(&local, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
        .execute("SELECT pg_reload_conf()", &[])
        .await
        .unwrap();
    drop(client);

    let remote = format!("postgres://postgres@{ip}:{}/postgres", server.port());
    let err = uses_tls(&db::pool(&remote, 1).unwrap()).await.unwrap_err();
    assert!(err.to_lowercase().contains("tls"), "{err}");
    assert_eq!(
        uses_tls(&db::pool(&format!("{remote}?sslmode=disable"), 1).unwrap()).await,
        Ok(false),
        "the URL's sslmode wins"
    );
    assert_eq!(uses_tls(&db::pool(&local, 1).unwrap()).await, Ok(false));
    tokio::task::spawn_blocking(move || server.pause())
        .await
        .unwrap()
        .unwrap();
}
