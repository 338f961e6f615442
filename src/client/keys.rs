//! A record's data key: generated with a wrap per replica region of the settings, and
//! opened from whichever region answers, both by the client's keyring
//! ([`crate::kms::keyring`]).

use super::Client;
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::kms::KeyError;
use crate::kms::wraps::KeyWrap;
use crate::model::context::EncryptionContext;
use crate::model::record::Record;

impl Client {
    /// The data key, home wrap and replica wraps of a new record: without replica
    /// regions, exactly what credstash stores (no `wraps` attribute).
    pub(super) async fn generate_wrapped(
        &self,
        key_id: &str,
        context: &EncryptionContext,
    ) -> Result<(DataKey, Vec<u8>, Vec<KeyWrap>)> {
        let replicas = &self.settings.replica_regions;
        let (plaintext, mut wraps) = self
            .keyring
            .new_data_key(key_id, context, replicas)
            .await
            .map_err(Error::Key)?;
        let home_blob = std::mem::take(&mut wraps[0].blob);
        if replicas.is_empty() {
            wraps.clear();
        }
        Ok((plaintext, home_blob, wraps))
    }

    /// Unwraps a record's data key: from its wraps when it has some (and the backend has
    /// regions), else from the `key` attribute with the home key service.
    pub(super) async fn unwrap_record(
        &self,
        record: &Record,
        context: &EncryptionContext,
    ) -> std::result::Result<DataKey, KeyError> {
        self.keyring
            .open_record_key(&record.wrapped_key, &record.wraps, context)
            .await
    }
}
