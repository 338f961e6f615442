//! The client's rules, tested on the embedded backend without the binary: name binding,
//! the unbound policy and downgrades, bind (never laundering a downgrade), versions.
//! The integration suite checks the same rules through the command line on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{Client, PutRequest, RewrapOptions, RewrapOutcome, Settings, Targets, UnboundPolicy};
use crate::error::Error;
use crate::kms::keyring::Keyring;
use crate::kms::local::LocalKeyService;
use crate::model::context::EncryptionContext;
use crate::store::SetupOptions;
use crate::store::sqlite::SqliteStore;
use std::sync::Arc;

struct Local {
    _dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    keys: Arc<LocalKeyService>,
}

impl Local {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.db");
        let keys = Arc::new(LocalKeyService::open_or_create(&dir.path().join("k")).unwrap());
        let store = Arc::new(SqliteStore::open(&path, "rules").unwrap());
        let local = Local {
            _dir: dir,
            store,
            keys,
        };
        local
            .client(UnboundPolicy::Warn)
            .setup(&SetupOptions::default())
            .await
            .unwrap();
        local
    }

    fn client(&self, unbound: UnboundPolicy) -> Client {
        let settings = Settings {
            unbound,
            ..Settings::default()
        };
        let keyring = Keyring::single(self.keys.clone()).generating(&settings.key_id, &[]);
        Client::new(self.store.clone(), keyring, settings)
    }

    async fn put(&self, name: &str, value: &str, legacy: bool) -> String {
        let mut request = PutRequest::new(name, value.into());
        request.legacy = legacy;
        self.client(UnboundPolicy::Warn)
            .put(&request)
            .await
            .unwrap()
    }

    /// An unbound item written over `name` as credstash (or anyone who can write the
    /// table) would: credstore itself refuses `--legacy` after a bound version.
    async fn plant(&self, name: &str, value: &str, version: &str) {
        let scratch = format!("scratch/{name}");
        self.put(&scratch, value, true).await;
        let mut record = crate::store::SecretStore::latest(self.store.as_ref(), &scratch)
            .await
            .unwrap()
            .unwrap();
        record.name = name.into();
        record.version = version.into();
        crate::store::SecretStore::put_new(self.store.as_ref(), &record)
            .await
            .unwrap();
    }

    async fn get(&self, name: &str, unbound: UnboundPolicy) -> Result<String, Error> {
        self.client(unbound)
            .get(name, None, &EncryptionContext::new())
            .await
            .map(|s| String::from_utf8(s.value.expose().to_vec()).unwrap())
    }
}

#[tokio::test]
async fn a_bound_item_copied_under_another_name_does_not_open() {
    let local = Local::new().await;
    local.put("db/password", "hunter2", false).await;
    let mut record = crate::store::SecretStore::latest(local.store.as_ref(), "db/password")
        .await
        .unwrap()
        .unwrap();
    record.name = "web/password".into();
    crate::store::SecretStore::put_new(local.store.as_ref(), &record)
        .await
        .unwrap();
    for policy in [
        UnboundPolicy::Allow,
        UnboundPolicy::Warn,
        UnboundPolicy::Refuse,
    ] {
        let err = local.get("web/password", policy).await.unwrap_err();
        assert_eq!(err.kind(), crate::cause::ErrorKind::KeyRefused, "{err}");
        assert!(!err.to_string().contains("hunter2"));
    }
    assert_eq!(
        local
            .get("db/password", UnboundPolicy::Refuse)
            .await
            .unwrap(),
        "hunter2"
    );
}

#[tokio::test]
async fn an_unbound_version_after_a_bound_one_is_a_downgrade() {
    let local = Local::new().await;
    local.put("api/token", "bound", false).await;
    local
        .plant("api/token", "unbound", "0000000000000000002")
        .await;
    let err = local
        .get("api/token", UnboundPolicy::Warn)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Downgrade { .. }), "{err}");
    let err = local
        .get("api/token", UnboundPolicy::Refuse)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unbound { .. }), "{err}");
    // credstash's rule, when asked for.
    assert_eq!(
        local.get("api/token", UnboundPolicy::Allow).await.unwrap(),
        "unbound"
    );
}

#[tokio::test]
async fn an_unbound_history_before_the_first_bound_version_stays_readable() {
    let local = Local::new().await;
    local.put("legacy", "old", true).await;
    assert_eq!(
        local.get("legacy", UnboundPolicy::Warn).await.unwrap(),
        "old"
    );
    let err = local
        .get("legacy", UnboundPolicy::Refuse)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unbound { .. }), "{err}");
    local.put("legacy", "new", false).await;
    assert_eq!(
        local.get("legacy", UnboundPolicy::Refuse).await.unwrap(),
        "new"
    );
    let first = local
        .client(UnboundPolicy::Warn)
        .get("legacy", Some("1"), &EncryptionContext::new())
        .await
        .unwrap();
    assert_eq!(first.value.expose(), b"old");
}

#[tokio::test]
async fn bind_binds_the_same_value_and_never_launders_a_downgrade() {
    let local = Local::new().await;
    local.put("legacy", "value", true).await;
    let client = local.client(UnboundPolicy::Warn);
    let summary = client
        .bind(&RewrapOptions::new(Targets::All))
        .await
        .unwrap();
    assert!(summary.failures.is_empty());
    assert_eq!(summary.changed(), 1);
    assert_eq!(
        local.get("legacy", UnboundPolicy::Refuse).await.unwrap(),
        "value",
        "bound, and the value unchanged"
    );
    // Again: nothing to do.
    let again = client
        .bind(&RewrapOptions::new(Targets::All))
        .await
        .unwrap();
    assert_eq!((again.changed(), again.skipped()), (0, 1));

    // An unbound version over a bound one: bind refuses to make it readable.
    local
        .plant("legacy", "planted", "0000000000000000002")
        .await;
    let summary = client
        .bind(&RewrapOptions::new(Targets::Names(vec!["legacy".into()])))
        .await
        .unwrap();
    assert_eq!(summary.changed(), 0);
    assert!(
        matches!(summary.failures.as_slice(), [Error::BindDowngrade { .. }]),
        "{:?}",
        summary.failures
    );
    assert!(matches!(
        local.get("legacy", UnboundPolicy::Warn).await.unwrap_err(),
        Error::Downgrade { .. }
    ));
    let mut anyway = RewrapOptions::new(Targets::Names(vec!["legacy".into()]));
    anyway.allow_downgrade = true;
    let summary = client.bind(&anyway).await.unwrap();
    assert!(summary.failures.is_empty());
    assert!(
        summary
            .items
            .iter()
            .any(|(_, _, outcome)| *outcome == RewrapOutcome::Changed)
    );
    assert_eq!(
        local.get("legacy", UnboundPolicy::Refuse).await.unwrap(),
        "planted"
    );
}

#[tokio::test]
async fn versions_count_up_never_overwrite_and_are_integers() {
    let local = Local::new().await;
    assert_eq!(local.put("n", "a", false).await, "0000000000000000001");
    assert_eq!(local.put("n", "b", false).await, "0000000000000000002");
    let client = local.client(UnboundPolicy::Warn);
    let mut same = PutRequest::new("n", "c".into());
    same.version = Some("2".into());
    let err = client.put(&same).await.unwrap_err();
    assert_eq!(err.kind(), crate::cause::ErrorKind::Conflict, "{err}");
    assert_eq!(local.get("n", UnboundPolicy::Refuse).await.unwrap(), "b");
    let mut letters = PutRequest::new("n", "d".into());
    letters.version = Some("abc".into());
    let err = client.put(&letters).await.unwrap_err();
    assert_eq!(err.kind(), crate::cause::ErrorKind::Usage, "{err}");
    assert_eq!(
        crate::store::SecretStore::versions(local.store.as_ref(), "n")
            .await
            .unwrap()
            .len(),
        2,
        "nothing was written"
    );
}
