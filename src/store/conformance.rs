//! The conformance suite of [`SecretStore`]: what every store must do (DynamoDB's
//! semantics: writes that never overwrite, versions in byte order, conditional re-wraps),
//! run against the embedded SQLite store and the DynamoDB store on the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{SecretStore, SetupOptions, SetupOutcome, StoreError};
use crate::model::context::EncryptionContext;
use crate::model::digest::Digest;
use crate::model::record::Record;
use crate::model::wrap::KeyWrap;
use std::collections::BTreeSet;

fn record(name: &str, version: &str) -> Record {
    let mut context = EncryptionContext::new();
    context.insert("env", "prod");
    Record {
        name: name.to_string(),
        version: version.to_string(),
        wrapped_key: format!("wrapped {name} {version}").into_bytes(),
        ciphertext: vec![0, 255, 10, 13, 128, 7],
        hmac_hex: "0f".repeat(32),
        digest: Digest::Sha512,
        comment: Some("a comment".into()),
        context: Some(context.bound_to(name, version)),
        created_at: Some(1_700_000_000),
        wraps: Vec::new(),
        // Every store keeps a version's metadata as it was written.
        meta: crate::model::metadata::Metadata {
            created_by: Some(format!("arn:aws:iam::123456789012:user/{name}")),
            expires_at: Some(1_800_000_000),
            tags: [("team", "db ✓"), ("k", "")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        },
    }
}

fn v(n: u64) -> String {
    format!("{n:019}")
}

fn is_conflict(e: &StoreError) -> bool {
    matches!(e, StoreError::Conflict { .. })
}

/// Every rule of the trait, on an empty store (`setup` is part of it). `table_was_new`:
/// whether `create_table` must report it created the table.
pub(crate) async fn check(store: &dyn SecretStore) {
    let setup = SetupOptions {
        no_deletion_protection: true,
        ..SetupOptions::default()
    };
    assert_eq!(
        store.create_table(&setup).await.unwrap(),
        SetupOutcome::Created
    );
    assert_eq!(
        store.create_table(&setup).await.unwrap(),
        SetupOutcome::AlreadyExists,
        "setup twice changes nothing"
    );

    // Nothing yet.
    assert!(store.latest("db/password").await.unwrap().is_none());
    assert!(store.versions("db/password").await.unwrap().is_empty());
    assert!(store.scan().await.unwrap().is_empty());

    // Writes never overwrite.
    for n in [1, 2, 10] {
        store.put_new(&record("db/password", &v(n))).await.unwrap();
    }
    let again = store
        .put_new(&record("db/password", &v(2)))
        .await
        .unwrap_err();
    assert!(is_conflict(&again), "{again}");
    let mut changed = record("db/password", &v(2));
    changed.ciphertext = vec![1];
    assert!(is_conflict(&store.put_new(&changed).await.unwrap_err()));
    assert_eq!(
        store.get_version("db/password", &v(2)).await.unwrap(),
        Some(record("db/password", &v(2))),
        "a refused write leaves the stored record as it was"
    );

    // Every attribute reads back as written; the greatest version in byte order is latest.
    assert_eq!(
        store.latest("db/password").await.unwrap(),
        Some(record("db/password", &v(10)))
    );
    // Unpadded versions compare as bytes, as in DynamoDB: "9" sorts after "10".
    store.put_new(&record("legacy", "10")).await.unwrap();
    store.put_new(&record("legacy", "9")).await.unwrap();
    assert_eq!(store.latest("legacy").await.unwrap().unwrap().version, "9");
    assert_eq!(store.versions("legacy").await.unwrap(), vec!["10", "9"]);
    assert_eq!(
        store.versions("db/password").await.unwrap(),
        vec![v(1), v(2), v(10)]
    );
    assert!(
        store
            .get_version("db/password", &v(3))
            .await
            .unwrap()
            .is_none()
    );
    // A name is matched exactly, never as a prefix.
    store.put_new(&record("db/password2", &v(1))).await.unwrap();
    assert_eq!(store.versions("db/password").await.unwrap().len(), 3);
    assert!(store.latest("db/pass").await.unwrap().is_none());

    let records = store.records_of("db/password").await.unwrap();
    let versions: Vec<_> = records.iter().map(|r| r.version.clone()).collect();
    assert_eq!(versions, vec![v(1), v(2), v(10)]);

    // Scans: everything, or by name prefix, keys only.
    let all: BTreeSet<(String, String)> = store
        .scan()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.map(|r| (r.name, r.version)).unwrap())
        .collect();
    assert_eq!(all.len(), 6);
    let keys: BTreeSet<(String, String, bool)> = store
        .scan_keys(&["db/".to_string()])
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.map(|k| (k.name, k.version, k.bound)).unwrap())
        .collect();
    assert_eq!(keys.len(), 4);
    assert!(
        keys.iter()
            .all(|(n, _, bound)| n.starts_with("db/") && *bound)
    );
    let mut paged = BTreeSet::new();
    store
        .each_key_page(&[], &mut |_, _, page| {
            paged.extend(
                page.into_iter()
                    .map(|k| k.map(|k| (k.name, k.version)).unwrap()),
            );
        })
        .await
        .unwrap();
    assert_eq!(paged, all, "the pages hold every item");
    let mut summaries = 0;
    store
        .each_summary(true, &mut |s| {
            let s = s.unwrap();
            assert!(all.contains(&(s.name.clone(), s.version.clone())));
            summaries += 1;
        })
        .await
        .unwrap();
    assert_eq!(summaries, 6);

    // Batched reads leave out keys with no item.
    let wanted = vec![
        ("db/password".to_string(), v(1)),
        ("db/password".to_string(), v(5)),
        ("legacy".to_string(), "9".to_string()),
    ];
    let mut got: Vec<_> = store
        .get_records(&wanted)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    got.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        got,
        vec![record("db/password", &v(1)), record("legacy", "9")]
    );

    // A re-wrap happens only over the key it expects, and keeps every other attribute.
    let before = record("db/password", &v(1));
    let mut context = EncryptionContext::new();
    context.insert("env", "staging");
    let wraps = [KeyWrap {
        region: "us-west-2".into(),
        key: "arn:aws:kms:us-west-2:123456789012:key/replica".into(),
        blob: b"replica blob".to_vec(),
    }];
    let stale = store
        .replace_wrap(
            "db/password",
            &v(1),
            b"not the key",
            b"new",
            &context,
            &wraps,
        )
        .await
        .unwrap_err();
    assert!(is_conflict(&stale), "{stale}");
    assert_eq!(
        store.get_version("db/password", &v(1)).await.unwrap(),
        Some(before.clone())
    );
    store
        .replace_wrap(
            "db/password",
            &v(1),
            &before.wrapped_key,
            b"new",
            &context,
            &[],
        )
        .await
        .unwrap();
    let after = store
        .get_version("db/password", &v(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.wrapped_key, b"new");
    assert_eq!(after.context, Some(context.clone()));
    let mut expected = before.clone();
    expected.wrapped_key = b"new".to_vec();
    expected.context = Some(context.clone());
    assert_eq!(after, expected, "nothing else changed");
    let gone = store
        .replace_wrap("db/password", &v(7), b"x", b"y", &context, &[])
        .await
        .unwrap_err();
    assert!(
        is_conflict(&gone),
        "no item is a conflict, never a new item: {gone}"
    );
    assert!(
        store
            .get_version("db/password", &v(7))
            .await
            .unwrap()
            .is_none()
    );

    // Deletes say whether there was something to delete.
    assert!(store.delete("db/password", &v(10)).await.unwrap());
    assert!(!store.delete("db/password", &v(10)).await.unwrap());
    assert_eq!(
        store.latest("db/password").await.unwrap().unwrap().version,
        v(2)
    );
    // A deleted version can be written again (a fresh item, not an overwrite).
    store.put_new(&record("db/password", &v(10))).await.unwrap();
    assert_eq!(
        store.latest("db/password").await.unwrap(),
        Some(record("db/password", &v(10)))
    );
}

#[tokio::test]
async fn the_embedded_store_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        super::sqlite::SqliteStore::open(&dir.path().join("secrets.db"), "conformance").unwrap();
    check(&store).await;
}

#[cfg(feature = "aws")]
#[tokio::test]
async fn the_dynamodb_store_conforms() {
    let config = crate::test_moto::sdk_config("us-east-1");
    let client = aws_sdk_dynamodb::Client::new(&config);
    let table = format!("conformance-{}", std::process::id());
    let store = super::dynamo::DynamoStore::new(client, table);
    check(&store).await;
}
