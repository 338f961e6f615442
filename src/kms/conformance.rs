//! The conformance suite of [`KeyService`]: what every key service must do (data keys
//! authenticated by their encryption context, re-wraps that move a key without changing
//! it, refusals typed as refusals), run against the embedded backend's master key and AWS
//! KMS on the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{KeyError, KeyService};
use crate::model::context::EncryptionContext;

fn context(pairs: &[(&str, &str)]) -> EncryptionContext {
    let mut c = EncryptionContext::new();
    for (k, v) in pairs {
        c.insert(*k, *v);
    }
    c
}

fn refused<T>(result: Result<T, KeyError>, what: &str) {
    match result {
        Err(KeyError::Refused(_)) => {}
        Err(other) => panic!("{what}: a refusal expected, got {other}"),
        Ok(_) => panic!("{what}: a refusal expected, it succeeded"),
    }
}

/// Every rule of the trait, with `key_id` a key the service holds.
pub(crate) async fn check(keys: &dyn KeyService, key_id: &str) {
    let written = context(&[("env", "prod")]).bound_to("db/password", "0000000000000000001");
    let generated = keys.generate_data_key(key_id, &written).await.unwrap();
    assert_eq!(generated.plaintext.as_bytes().len(), 64);
    assert_ne!(generated.wrapped, generated.plaintext.as_bytes().to_vec());
    let other = keys.generate_data_key(key_id, &written).await.unwrap();
    assert_ne!(
        other.plaintext.as_bytes(),
        generated.plaintext.as_bytes(),
        "every data key is new"
    );

    // The context authenticates the key: only the exact context opens it.
    let opened = keys
        .decrypt_data_key(&generated.wrapped, &written)
        .await
        .unwrap();
    assert_eq!(opened.as_bytes(), generated.plaintext.as_bytes());
    let other_name = context(&[("env", "prod")]).bound_to("db/other", "0000000000000000001");
    refused(
        keys.decrypt_data_key(&generated.wrapped, &other_name).await,
        "another name's context",
    );
    refused(
        keys.decrypt_data_key(&generated.wrapped, &EncryptionContext::new())
            .await,
        "no context",
    );
    let mut tampered = generated.wrapped.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    refused(
        keys.decrypt_data_key(&tampered, &written).await,
        "a tampered wrapped key",
    );

    // A re-wrap moves the same key to a new context; the old context no longer opens it.
    let key_arn = keys.key_arn(key_id).await.unwrap();
    let moved = keys
        .re_encrypt(&generated.wrapped, &written, &key_arn, &other_name)
        .await
        .unwrap();
    let reopened = keys
        .decrypt_data_key(&moved.wrapped, &other_name)
        .await
        .unwrap();
    assert_eq!(reopened.as_bytes(), generated.plaintext.as_bytes());
    refused(
        keys.decrypt_data_key(&moved.wrapped, &written).await,
        "the re-wrapped key under its old context",
    );
    refused(
        keys.re_encrypt(&generated.wrapped, &other_name, &key_arn, &written)
            .await,
        "a re-wrap from the wrong context",
    );

    // Wrapping an existing key (replica wraps) gives a blob that opens to it.
    let wrapped = keys
        .encrypt_data_key(key_id, &generated.plaintext, &other_name)
        .await
        .unwrap();
    let unwrapped = keys
        .decrypt_data_key_under(&wrapped.blob, &other_name, wrapped.key.as_deref())
        .await
        .unwrap();
    assert_eq!(unwrapped.as_bytes(), generated.plaintext.as_bytes());
    if keys.has_key_ids() {
        assert_eq!(wrapped.key.as_deref(), Some(key_arn.as_str()));
        assert_eq!(generated.key.as_deref(), Some(key_arn.as_str()));
    }
}

#[tokio::test]
async fn the_local_master_key_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let keys =
        super::local::LocalKeyService::open_or_create(&dir.path().join("master.key")).unwrap();
    check(&keys, "ignored").await;
}

#[cfg(feature = "aws")]
#[tokio::test]
async fn aws_kms_conforms() {
    let config = crate::test_moto::sdk_config("eu-west-1");
    let client = aws_sdk_kms::Client::new(&config);
    let key = client.create_key().send().await.unwrap();
    let key_id = key.key_metadata().unwrap().key_id().to_string();
    let keys = super::aws::AwsKms::new(client);
    check(&keys, &key_id).await;
    // A key that does not exist is a refusal of its kind.
    match keys
        .generate_data_key("alias/none-such", &EncryptionContext::new())
        .await
    {
        Err(KeyError::Refused(r)) => assert_eq!(r.kind, super::RefusalKind::NotFound, "{r}"),
        Err(other) => panic!("a NotFound refusal expected, got {other}"),
        Ok(_) => panic!("a key that does not exist wrapped a data key"),
    }
}
