//! The embedded store and the hmac encoding: the SQLite store keeps the hmac as text, so a
//! request for a binary hmac is refused as invalid input (exit 2), never silently ignored.

use credstore::EncryptionContext;
use credstore::HmacEncoding;
use credstore::{Access, Backend};
use credstore::{Error, ErrorKind};
use credstore::{PutRequest, Settings};
use std::process::Command;

#[test]
fn local_client_refuses_a_binary_hmac_before_touching_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let opened = rt.block_on(
        Backend::local(&db)
            .writing_hmac_as(HmacEncoding::Binary)
            .client("t", Access::Write, Settings::default()),
    );
    let Err(err) = opened else {
        panic!("a binary hmac is refused");
    };
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Usage);
    let text = err.to_string();
    assert!(!text.contains('\n'), "one line: {text:?}");
    assert!(text.contains("--hmac-binary"), "{text}");
    assert!(!db.exists());
    assert!(!Backend::master_key_path(&db).exists());
}

#[test]
fn local_client_with_a_text_hmac_is_the_local_client() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let writer = Backend::local(&db)
            .writing_hmac_as(HmacEncoding::String)
            .client("t", Access::Write, Settings::default())
            .await
            .unwrap();
        let version = writer
            .put(&PutRequest::new("db.password", "s3cr3t".into()))
            .await
            .unwrap();
        let reader = Backend::local(&db)
            .client("t", Access::Read, Settings::default())
            .await
            .unwrap();
        let secret = reader
            .get("db.password", Some(&version), &EncryptionContext::new())
            .await
            .unwrap();
        assert_eq!(secret.value.expose(), b"s3cr3t");
    });
}

/// The CLI's side: `--hmac-binary` with `--local` is a usage error (exit 2) that
/// writes nothing.
#[test]
fn cli_refuses_hmac_binary_with_local() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let out = Command::new(env!("CARGO_BIN_EXE_credstore"))
        .arg("--local")
        .arg(&db)
        .args(["put", "--hmac-binary", "db.password", "s3cr3t"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--hmac-binary"), "{stderr}");
    assert!(!db.exists());
}
