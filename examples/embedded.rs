//! The library on the embedded backend: a SQLite file and a local master key in a
//! temporary directory, no AWS account. Run it with `cargo run --example embedded`.

use credstore::{Access, Backend, EncryptionContext, ErrorKind, PutRequest, Settings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("secrets.db");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // `Access::Write`: create the store and its master key (mode 0600) on first use.
        let client = Backend::local(&db)
            .client("credential-store", Access::Write, Settings::default())
            .await?;

        // Two versions of one secret, the second bound to an encryption context.
        let first = client
            .put(&PutRequest::new("db.password", "s3cr3t".into()))
            .await?;
        let mut request = PutRequest::new("db.password", "n3w-s3cr3t".into());
        let mut context = EncryptionContext::new();
        context.insert("env", "prod");
        request.context = context.clone();
        let second = client.put(&request).await?;
        println!("stored db.password versions {first} and {second}");

        // The latest version needs its context (the stored one is used when omitted).
        let latest = client.get("db.password", None, &context).await?;
        assert_eq!(latest.value.expose(), b"n3w-s3cr3t");
        let old = client
            .get("db.password", Some("1"), &EncryptionContext::new())
            .await?;
        assert_eq!(old.value.expose(), b"s3cr3t");
        println!("read back both versions");

        // Errors have a kind, the CLI's exit code: a missing secret is NotFound (3).
        let missing = client
            .get("no.such.secret", None, &EncryptionContext::new())
            .await
            .err()
            .ok_or("a missing secret must be an error")?;
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        println!("missing secret: {missing}");

        // A wrong context is refused by the key service (KeyRefused, exit 5).
        let mut wrong = EncryptionContext::new();
        wrong.insert("env", "dev");
        let refused = client
            .get("db.password", None, &wrong)
            .await
            .err()
            .ok_or("a wrong context must be refused")?;
        assert_eq!(refused.kind(), ErrorKind::KeyRefused);
        println!(
            "wrong context refused: {}",
            refused.kind() == ErrorKind::KeyRefused
        );
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}
