//! Data keys under one or more KMS keys: generated with a wrap per replica region, and
//! opened from whichever region answers (failover lives in [`crate::kms::wraps`]).

use super::Client;
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::kms::KeyError;
use crate::kms::wraps::{KeyWrap, WrapError};
use crate::model::context::EncryptionContext;
use crate::model::record::Record;

impl Client {
    /// A fresh data key under `key_id` and `context`, and its wraps: the home wrap first
    /// (region, key ARN and blob as KMS reported them), then one per replica region.
    /// Replica regions need the AWS backend; the embedded backend refuses them.
    pub async fn new_data_key(
        &self,
        key_id: &str,
        context: &EncryptionContext,
        replica_regions: &[String],
    ) -> Result<(DataKey, Vec<KeyWrap>)> {
        let generated = self
            .keys
            .generate_data_key(key_id, context)
            .await
            .map_err(Error::Key)?;
        let home = KeyWrap {
            region: self
                .regions
                .as_ref()
                .map(|r| r.home().to_string())
                .unwrap_or_default(),
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
                .map_err(|e| Error::Key(in_region(e)))?;
            wraps.extend(replicas);
        }
        Ok((generated.plaintext, wraps))
    }

    /// Opens a data key from `wraps` (as [`Client::new_data_key`] made them: the home
    /// wrap first, whose blob a multi-Region replica's wrap without a blob of its own
    /// opens), trying the reader's region first and failing over to the others on
    /// outages only.
    pub async fn open_data_key(
        &self,
        wraps: &[KeyWrap],
        context: &EncryptionContext,
    ) -> Result<DataKey> {
        let result = match (&self.regions, wraps) {
            (_, []) => Err(KeyError::Refused("no wrapped data key".into())),
            (None, [one, ..]) => self.keys.decrypt_data_key(&one.blob, context).await,
            (Some(regions), [home, ..]) => regions.unwrap(wraps, &home.blob, context).await,
        };
        result.map_err(Error::Key)
    }

    /// The home region of this client's key service (AWS backend only).
    pub fn home_region(&self) -> Option<&str> {
        self.regions.as_ref().map(|r| r.home())
    }

    /// The ARN of the key new data keys are made under (the configured key id), in the
    /// home region and in each of `replica_regions` (KMS `DescribeKey`): what `setup`
    /// checks and fills the IAM policies with. Empty for the embedded backend.
    pub async fn resolve_key(
        &self,
        replica_regions: &[String],
    ) -> Vec<(String, std::result::Result<String, KeyError>)> {
        let Some(regions) = &self.regions else {
            return Vec::new();
        };
        let key_id = &self.settings.key_id;
        let mut out = vec![(
            regions.home().to_string(),
            match regions.service("") {
                Ok(service) => service.key_arn(key_id).await,
                Err(e) => Err(e),
            },
        )];
        for region in replica_regions.iter().filter(|r| *r != regions.home()) {
            let arn = match crate::kms::wraps::replica_key_id(key_id, region) {
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

    /// The data key, home wrap and replica wraps of a new record: without replica
    /// regions, exactly what credstash stores (no `wraps` attribute).
    pub(super) async fn generate_wrapped(
        &self,
        key_id: &str,
        context: &EncryptionContext,
    ) -> Result<(DataKey, Vec<u8>, Vec<KeyWrap>)> {
        let replicas = &self.settings.replica_regions;
        let (plaintext, mut wraps) = self.new_data_key(key_id, context, replicas).await?;
        let home_blob = std::mem::take(&mut wraps[0].blob);
        if replicas.is_empty() {
            wraps.clear();
        }
        Ok((plaintext, home_blob, wraps))
    }

    /// Unwraps a record's data key: from its wraps when it has some (and the backend has
    /// regions), else from the `key` attribute with this client's key service.
    pub(super) async fn unwrap_record(
        &self,
        record: &Record,
        context: &EncryptionContext,
    ) -> std::result::Result<DataKey, KeyError> {
        match &self.regions {
            Some(regions) if !record.wraps.is_empty() => {
                regions
                    .unwrap(&record.wraps, &record.wrapped_key, context)
                    .await
            }
            _ => {
                self.keys
                    .decrypt_data_key(&record.wrapped_key, context)
                    .await
            }
        }
    }
}

fn no_regions() -> Error {
    Error::InvalidInput(
        "the embedded backend has no regions: replica regions (--replica-region, \
         CREDSTORE_REPLICA_REGIONS) apply to DynamoDB + KMS only; unset them"
            .into(),
    )
}

/// The key service's error, saying which region it came from.
pub(super) fn in_region(e: WrapError) -> KeyError {
    let region = e.region;
    match e.error {
        KeyError::Refused(m) => KeyError::Refused(format!("{m} (replica region {region})")),
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
