//! Syncing: every item copied as it is (no decrypt, no new data key) to a table in
//! another region, so that region can serve reads when the home region is down.
//! Idempotent; an item that differs in the target is reported, never overwritten, except
//! when it is the same secret re-wrapped (by `bind` or `rekey`): the same `contents` and
//! `hmac` under a new wrapping of the same data key follow the source, conditionally.

use super::Client;
use crate::error::{Error, Result};
use crate::model::record::Record;
use crate::store::StoreError;

/// What [`Client::sync_to`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyncSummary {
    /// (name, version) written to the target (or that would be, in a dry run).
    pub copied: Vec<(String, String)>,
    /// (name, version) the target already holds, the same.
    pub present: Vec<(String, String)>,
    /// (name, version) the target holds with other key or value material: left as it
    /// is (the never-overwrite rule), reported.
    pub conflicts: Vec<(String, String)>,
    /// (name, version) the target holds with the same sealed value but another wrapping
    /// of its data key (the source was bound or rekeyed since): the wrapping was updated
    /// (or would be, in a dry run).
    pub rewrapped: Vec<(String, String)>,
    /// (name, version) with no wrap of their data key in `region`: readable there only
    /// while the home region's KMS answers (written without `--replica-region`).
    pub without_wrap: Vec<(String, String)>,
}

impl Client {
    /// Copies every item, as stored, into `target` (a table in `region`). Nothing is
    /// decrypted: items are self-contained (ciphertext, wrapped keys, context). Items
    /// the source cannot decode stop the sync before any write. With `dry_run`, compares
    /// and writes nothing.
    pub async fn sync_to(
        &self,
        target: &Client,
        region: &str,
        dry_run: bool,
    ) -> Result<SyncSummary> {
        let records = self.all_records().await?;
        let mut summary = SyncSummary::default();
        for record in records {
            let id = (record.name.clone(), record.version.clone());
            let multi_region_home = record
                .wraps
                .iter()
                .any(|w| w.blob.is_empty() && crate::kms::wraps::is_multi_region_key(&w.key));
            if !record.wraps.iter().any(|w| w.region == region) && !multi_region_home {
                summary.without_wrap.push(id.clone());
            }
            let existing = target
                .store
                .get_version(&record.name, &record.version)
                .await
                .map_err(|e| Error::from(e).about(&record.name));
            let existing = match existing {
                Err(Error::Store(StoreError::NoTable(_) | StoreError::NoTableIn { .. }))
                    if dry_run =>
                {
                    None
                }
                other => other?,
            };
            match existing {
                Some(held) if same_item(&held, &record) => summary.present.push(id),
                Some(held) if follows_rewrap(&held, &record) => {
                    if dry_run {
                        summary.rewrapped.push(id);
                        continue;
                    }
                    let written = target
                        .store
                        .replace_wrap(
                            &record.name,
                            &record.version,
                            &held.wrapped_key,
                            &record.wrapped_key,
                            &record.context.clone().unwrap_or_default(),
                            &record.wraps,
                        )
                        .await;
                    match written {
                        Ok(()) => summary.rewrapped.push(id),
                        // Changed there meanwhile: left as it is, reported.
                        Err(StoreError::Conflict { .. }) => summary.conflicts.push(id),
                        Err(e) => return Err(Error::from(e).about(&record.name)),
                    }
                }
                Some(_) => summary.conflicts.push(id),
                None if dry_run => summary.copied.push(id),
                None => match target.store.put_new(&record).await {
                    Ok(()) => summary.copied.push(id),
                    // Written meanwhile by someone else: judged like one found above.
                    Err(StoreError::Conflict { .. }) => summary.conflicts.push(id),
                    Err(e) => return Err(Error::from(e).about(&record.name)),
                },
            }
        }
        Ok(summary)
    }
}

/// The same item for sync: the same sealed material and wraps (attributes a store
/// may re-encode, such as the hmac's S or B, do not count).
fn same_item(a: &Record, b: &Record) -> bool {
    a.wrapped_key == b.wrapped_key
        && a.ciphertext == b.ciphertext
        && a.hmac_hex == b.hmac_hex
        && a.digest == b.digest
        && a.context == b.context
        && a.wraps == b.wraps
}

/// True when `source` is `held` re-wrapped: byte-identical sealed value (`contents`,
/// `hmac`, digest), another wrapping of the data key, and no step down from a bound
/// item to an unbound one (that is what a downgrade looks like, so it stays a conflict).
fn follows_rewrap(held: &Record, source: &Record) -> bool {
    let bound = |r: &Record| r.context.as_ref().is_some_and(|c| c.is_bound());
    held.ciphertext == source.ciphertext
        && held.hmac_hex == source.hmac_hex
        && held.digest == source.digest
        && (bound(source) || !bound(held))
}
