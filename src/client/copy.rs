//! Copying every version of every secret to another table or backend, re-sealed under
//! the target's data keys, skipping what the target already holds.
//!
//! Two phases, so that nothing is created or written for a source that cannot be read:
//! [`Client::read_for_copy`] reads and decrypts the whole source (the caller creates the
//! target only then), [`CopySource::copy_to`] writes (or, in a dry run, compares).

use super::read::{Read, Siblings, context_error};
use super::{Client, PutRequest, Secret, several};
use crate::error::{Error, ErrorKind, Result};
use crate::model::context::EncryptionContext;
use crate::model::record::Record;

/// What [`CopySource::copy_to`] did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct CopySummary {
    /// (name, version) written to the target (or that would be, in a dry run).
    pub copied: Vec<(String, String)>,
    /// (name, version) already present in the target, left as they were.
    pub skipped: Vec<(String, String)>,
    /// Versions the key service refused to decrypt, left out (`skip_refused`).
    pub refused: Vec<Error>,
}

/// A source read for copying: every version, decrypted. Holds plaintexts (wiped on drop).
#[derive(Debug)]
pub struct CopySource {
    items: Vec<(Record, Secret)>,
    refused: Vec<Error>,
}

impl CopySource {
    /// The number of versions to copy.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// What a copy into an empty target would do: copy every version.
    pub fn plan_all(self) -> CopySummary {
        CopySummary {
            copied: self
                .items
                .iter()
                .map(|(r, _)| (r.name.clone(), r.version.clone()))
                .collect(),
            refused: self.refused,
            ..CopySummary::default()
        }
    }

    /// True when there is nothing to copy.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Writes every version into `target` (another table or backend), keeping names,
    /// versions, comments, digests, contexts and creation times; data keys are made by
    /// the target's key service and the values sealed again. Versions the target holds
    /// already are skipped. With `dry_run`, writes nothing and reports what would be
    /// copied and what the target already holds.
    pub async fn copy_to(self, target: &Client, dry_run: bool) -> Result<CopySummary> {
        let mut summary = CopySummary {
            refused: self.refused,
            ..CopySummary::default()
        };
        for (record, secret) in self.items {
            let id = (record.name.clone(), record.version.clone());
            if dry_run {
                let held = match target
                    .store
                    .get_version(&record.name, &record.version)
                    .await
                {
                    Ok(held) => held.is_some(),
                    // No table yet: the copy would create it, with everything in it.
                    Err(
                        crate::store::StoreError::NoTable(_)
                        | crate::store::StoreError::NoTableIn { .. },
                    ) => false,
                    Err(e) => return Err(Error::from(e).about(&record.name)),
                };
                if held {
                    summary.skipped.push(id);
                } else {
                    summary.copied.push(id);
                }
                continue;
            }
            let bound = record
                .context
                .as_ref()
                .is_some_and(EncryptionContext::is_bound);
            let stored = record.context.clone().unwrap_or_default();
            let mut request = PutRequest::new(record.name.clone(), secret.value);
            request.context = secret_context(&record, &stored)?;
            request.comment = record.comment.clone();
            request.digest = record.digest;
            request.legacy = !bound;
            request.meta = record.meta.clone();
            match target
                .put_version(&request, &record.version, record.created_at)
                .await
            {
                Ok(()) => summary.copied.push(id),
                Err(Error::Conflict { name, version }) => summary.skipped.push((name, version)),
                Err(e) => return Err(e),
            }
        }
        Ok(summary)
    }
}

/// The user part of the context a version was written with (reserved keys left out:
/// the target binds it again).
fn secret_context(record: &Record, stored: &EncryptionContext) -> Result<EncryptionContext> {
    Ok(EncryptionContext::for_read(
        Some(stored),
        &EncryptionContext::new(),
        &record.name,
        &record.version,
    )
    .map_err(|e| context_error(e, &record.name, &record.version))?
    .without_reserved())
}

impl Client {
    /// Reads and decrypts every version of every secret, for [`CopySource::copy_to`].
    /// Each version opens with the context stored with it; `context` is for versions
    /// that store none (written by credstash). With `skip_refused`, versions the key
    /// service refuses (another context, a key the caller may not use) are left out
    /// and reported; any other failure fails the whole read.
    pub async fn read_for_copy(
        &self,
        context: &EncryptionContext,
        skip_refused: bool,
    ) -> Result<CopySource> {
        let records = self.all_records().await?;
        let empty = EncryptionContext::new();
        let reads = records
            .iter()
            .map(|record| {
                let user = if record.context.is_some() {
                    &empty
                } else {
                    context
                };
                (
                    Read::Scanned {
                        record,
                        siblings: Siblings::Ignored,
                    },
                    user,
                )
            })
            .collect();
        let results = self.read_many(reads).await;
        let mut items = Vec::with_capacity(records.len());
        let mut refused = Vec::new();
        let mut failures = Vec::new();
        for (mut record, result) in records.into_iter().zip(results) {
            match result {
                Ok(secret) => {
                    // A credstash item keeps the user's context as its own from now on.
                    if record.context.is_none() && !context.is_empty() {
                        record.context = Some(context.clone());
                    }
                    items.push((record, secret));
                }
                Err(e) if skip_refused && e.kind() == ErrorKind::KeyRefused => refused.push(e),
                Err(e) => failures.push(e),
            }
        }
        if failures.is_empty() {
            Ok(CopySource { items, refused })
        } else {
            Err(several(failures))
        }
    }
}
