//! The keyring: makes, opens and re-wraps data keys. Its generator is the home key
//! service (the configured key in the home region); its children are the replica regions,
//! each wrapping the same data key again. The embedded backend's keyring is one region
//! (the local master key). Secrets (`client`) and envelopes both ask the keyring, never a
//! key service directly, so a data key's wraps follow one set of rules everywhere.

use super::wraps::{KeyWrap, Regions, WrapError, replica_key_id};
use super::{KeyError, KeyService};
use crate::crypto::DataKey;
use crate::model::context::EncryptionContext;
use std::sync::Arc;

/// A home key service and, for the AWS backend, the key services of other regions; the
/// key new data keys are made under (the generator) and the replica regions that wrap
/// each of them again (the children).
#[derive(Clone)]
pub struct Keyring {
    home: Arc<dyn KeyService>,
    regions: Option<Arc<Regions>>,
    key_id: String,
    replica_regions: Vec<String>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("home_region", &self.home_region())
            .finish_non_exhaustive()
    }
}

impl Keyring {
    /// A keyring of one key service and no other region (the embedded backend, tests).
    pub fn single(home: Arc<dyn KeyService>) -> Self {
        Keyring {
            home,
            regions: None,
            key_id: String::new(),
            replica_regions: Vec::new(),
        }
    }

    /// A keyring whose home service is `regions`'s home, with failover and replica wraps
    /// in its other regions (the AWS backend).
    pub fn with_regions(home: Arc<dyn KeyService>, regions: Arc<Regions>) -> Self {
        Keyring {
            home,
            regions: Some(regions),
            key_id: String::new(),
            replica_regions: Vec::new(),
        }
    }

    /// Makes new data keys under `key_id` (a key id, ARN or alias; the local key service
    /// ignores it), wrapped again in each of `replica_regions`.
    pub fn generating(mut self, key_id: &str, replica_regions: &[String]) -> Self {
        self.key_id = key_id.to_string();
        self.replica_regions = replica_regions.to_vec();
        self
    }

    /// The key new data keys are made under.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The regions that wrap each new data key again.
    pub fn replica_regions(&self) -> &[String] {
        &self.replica_regions
    }

    /// A fresh data key under the keyring's own key and `context`, wrapped in its
    /// replica regions too (see [`Keyring::new_data_key`]).
    pub async fn make_data_key(
        &self,
        context: &EncryptionContext,
    ) -> Result<(DataKey, Vec<KeyWrap>), KeyError> {
        self.new_data_key(&self.key_id, context, &self.replica_regions)
            .await
    }

    /// The home key service (re-encrypt, key ids, raw key bytes).
    pub fn service(&self) -> &Arc<dyn KeyService> {
        &self.home
    }

    /// The home region (AWS backend only).
    pub fn home_region(&self) -> Option<&str> {
        self.regions.as_ref().map(|r| r.home())
    }

    /// A fresh data key under `key_id` and `context`, and its wraps: the home wrap first
    /// (region, key ARN and blob as KMS reported them), then one per replica region.
    /// Replica regions need regions (the AWS backend): without them they are refused.
    pub async fn new_data_key(
        &self,
        key_id: &str,
        context: &EncryptionContext,
        replica_regions: &[String],
    ) -> Result<(DataKey, Vec<KeyWrap>), KeyError> {
        let generated = self.home.generate_data_key(key_id, context).await?;
        let home = KeyWrap {
            region: self.home_region().unwrap_or_default().to_string(),
            key: generated.key.clone().unwrap_or_default(),
            blob: generated.wrapped,
        };
        let mut wraps = vec![home];
        if !replica_regions.is_empty() {
            let regions = self.regions.as_ref().ok_or_else(no_regions)?;
            let replicas = regions
                .wrap_replicas(
                    key_id,
                    &wraps[0].key,
                    &generated.plaintext,
                    context,
                    replica_regions,
                )
                .await
                .map_err(in_region)?;
            wraps.extend(replicas);
        }
        Ok((generated.plaintext, wraps))
    }

    /// Opens a data key from `wraps` (as [`Keyring::new_data_key`] made them: the home
    /// wrap first, whose blob a multi-Region replica's wrap without a blob of its own
    /// opens), trying the home region first and failing over to the others on outages
    /// only.
    pub async fn open_data_key(
        &self,
        wraps: &[KeyWrap],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError> {
        match (&self.regions, wraps) {
            (_, []) => Err(KeyError::refused("no wrapped data key")),
            (None, [one, ..]) => self.home.decrypt_data_key(&one.blob, context).await,
            (Some(regions), [home, ..]) => regions.unwrap(wraps, &home.blob, context).await,
        }
    }

    /// Opens a record's data key: from its replica `wraps` when it has some (and this
    /// keyring has regions), else from `wrapped_key` with the home service.
    pub async fn open_record_key(
        &self,
        wrapped_key: &[u8],
        wraps: &[KeyWrap],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError> {
        match &self.regions {
            Some(regions) if !wraps.is_empty() => regions.unwrap(wraps, wrapped_key, context).await,
            _ => self.home.decrypt_data_key(wrapped_key, context).await,
        }
    }

    /// A record's replica wraps re-encrypted (KMS `ReEncrypt`, no plaintext) from `from`
    /// to `to_key` and `to_context` (see `Regions::rewrap_replicas`); none without
    /// regions or wraps. With `same_key` (bind), a wrap under another key is refused.
    pub async fn rewrap_replicas(
        &self,
        wraps: &[KeyWrap],
        from: &EncryptionContext,
        to: (&str, &EncryptionContext),
        home_key: &str,
        same_key: bool,
    ) -> Result<Vec<KeyWrap>, KeyError> {
        match &self.regions {
            Some(regions) if !wraps.is_empty() => regions
                .rewrap_replicas(wraps, from, to.0, to.1, home_key, same_key)
                .await
                .map_err(in_region),
            _ => Ok(Vec::new()),
        }
    }

    /// The ARN of `key_id` in the home region and in each of `replica_regions` (KMS
    /// `DescribeKey`): what `setup` checks and fills the IAM policies with. Empty
    /// without regions (the embedded backend).
    pub async fn resolve_key(
        &self,
        key_id: &str,
        replica_regions: &[String],
    ) -> Vec<(String, Result<String, KeyError>)> {
        let Some(regions) = &self.regions else {
            return Vec::new();
        };
        let mut out = vec![(
            regions.home().to_string(),
            match regions.service("") {
                Ok(service) => service.key_arn(key_id).await,
                Err(e) => Err(e),
            },
        )];
        for region in replica_regions.iter().filter(|r| *r != regions.home()) {
            let arn = match replica_key_id(key_id, region) {
                Ok(id) => match regions.service(region) {
                    Ok(service) => service.key_arn(&id).await,
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            };
            out.push((region.clone(), arn));
        }
        out
    }
}

fn no_regions() -> KeyError {
    KeyError::Unsupported(
        "the embedded backend has no regions: replica regions (--replica-region, \
         CREDSTORE_REPLICA_REGIONS) apply to DynamoDB + KMS only; unset them"
            .into(),
    )
}

/// The key service's error, saying which region it came from.
fn in_region(e: WrapError) -> KeyError {
    let region = e.region;
    match e.error {
        KeyError::Refused(r) => {
            KeyError::Refused(r.map_message(|m| format!("{m} (replica region {region})")))
        }
        KeyError::Unavailable(m) => KeyError::Unavailable(format!("{m} (replica region {region})")),
        KeyError::Service {
            cause,
            message,
            source,
        } => KeyError::Service {
            cause,
            message: format!("{message} (replica region {region})"),
            source,
        },
        KeyError::WrongKey { expected, actual } => KeyError::WrongKey {
            expected,
            actual: format!("{actual} (replica region {region})"),
        },
        other => other,
    }
}
