//! A secret's lifecycle beyond put: create-only writes (`put --if-absent`) and rollback,
//! a new latest version holding an older version's value, written without decrypting.
//!
//! Rollback re-wraps the old version's data key with the key service's re-encrypt (KMS
//! `ReEncrypt`, as bind does) from the old version's context to the new version's bound
//! context, and copies `contents` and `hmac` as they are: the data key does not change,
//! so the new item opens to the same value, and no plaintext data key is ever asked for.

use super::read::Selection;
use super::read::{context_error, key_error};
use super::write::{backoff, check_comment, now_unix, validate_request};
use super::{Client, PutRequest, Siblings};
use crate::error::{Error, Result};
use crate::model::context::EncryptionContext;
use crate::model::metadata::Metadata;
use crate::model::record::{Record, RecordError};
use crate::model::{name, version};
use crate::store::StoreError;

/// How many times a rollback that lost the race for its new version reads and tries again.
const ROLLBACK_ATTEMPTS: u32 = 10;

/// What to roll back with [`Client::rollback`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RollbackRequest {
    /// The secret's name.
    pub name: String,
    /// The version whose value becomes the latest again (padded like credstash, or the
    /// exact stored string); None = the version just before the latest.
    pub to: Option<String>,
    /// The user's encryption context, for an old version that stores none (credstash's).
    pub context: EncryptionContext,
    /// The new version's comment; None writes `rollback to version V`.
    pub comment: Option<String>,
    /// The new version's metadata (the old version's is not copied: a new writer, a
    /// new expiry).
    pub meta: Metadata,
}

impl RollbackRequest {
    /// Roll `name` back to the version before its latest.
    pub fn new(name: impl Into<String>) -> Self {
        RollbackRequest {
            name: name.into(),
            to: None,
            context: EncryptionContext::new(),
            comment: None,
            meta: Metadata::default(),
        }
    }
}

/// What [`Client::rollback`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RolledBack {
    /// The old version whose value was copied.
    pub from: String,
    /// The new latest version.
    pub version: String,
}

impl Client {
    /// Writes `request` as version 1 if and only if `name` has no version: Ok(None),
    /// writing nothing, when it has one (or another writer created it meanwhile). The
    /// check is the conditional write of version 1 itself, so of concurrent callers
    /// exactly one writes. A name whose versions were all deleted has none: it is absent.
    /// `request.version` must be None.
    pub async fn put_if_absent(&self, request: &PutRequest) -> Result<Option<String>> {
        self.put_if_absent_inner(request)
            .await
            .map_err(|e| e.about(&request.name))
    }

    async fn put_if_absent_inner(&self, request: &PutRequest) -> Result<Option<String>> {
        validate_request(request)?;
        if request.version.is_some() {
            return Err(Error::InvalidInput(format!(
                "secret {:?}: a create-only put writes the first version; give no version",
                request.name
            )));
        }
        let existing = match self.store.versions(&request.name).await {
            Err(StoreError::NoTable(_) | StoreError::NoTableIn { .. }) => Vec::new(),
            other => other?,
        };
        if !existing.is_empty() {
            return Ok(None);
        }
        let first = version::next_after(std::iter::empty());
        match self.put_version(request, &first, None).await {
            Ok(()) => Ok(Some(first)),
            Err(Error::Conflict { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes a new latest version of `request.name` holding the value of an older one,
    /// without decrypting it: its data key is re-encrypted to the new version's bound
    /// context under the configured key ([`super::Settings::key_id`]), `contents` and
    /// `hmac` are copied. A version reads would refuse (unbound under `--strict`, or an
    /// unbound version after a bound one) is refused here too.
    pub async fn rollback(&self, request: &RollbackRequest) -> Result<RolledBack> {
        self.rollback_inner(request)
            .await
            .map_err(|e| e.about(&request.name))
    }

    async fn rollback_inner(&self, request: &RollbackRequest) -> Result<RolledBack> {
        let name = request.name.as_str();
        name::validate(name).map_err(|source| Error::Name {
            name: name.to_string(),
            source,
        })?;
        check_comment(name, request.comment.as_deref())?;
        let mut attempt: u32 = 0;
        loop {
            let records = self.store.records_of(name).await?;
            let target = pick_target(name, &records, request.to.as_deref())?;
            let has_bound_before = records.iter().any(|r| {
                r.version < target.version
                    && r.context.as_ref().is_some_and(EncryptionContext::is_bound)
            });
            let bound = target
                .context
                .as_ref()
                .is_some_and(EncryptionContext::is_bound);
            if !bound {
                self.admit_unbound(target, Siblings::Known(has_bound_before))
                    .await?;
            }
            let next = version::next_after(records.iter().map(|r| r.version.as_str()));
            if let Some(above) = records
                .iter()
                .map(|r| &r.version)
                .filter(|v| **v > next)
                .max()
            {
                return Err(Error::NotLatest {
                    name: name.to_string(),
                    version: next,
                    above: above.clone(),
                });
            }
            let record = self.rewrapped_copy(target, &next, request).await?;
            match self.store.put_new(&record).await {
                Ok(()) => {
                    return Ok(RolledBack {
                        from: target.version.clone(),
                        version: next,
                    });
                }
                Err(StoreError::Conflict { .. }) if attempt + 1 < ROLLBACK_ATTEMPTS => {
                    attempt += 1;
                    tokio::time::sleep(backoff(attempt)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// `target` as version `next`: its data key re-encrypted (home and replica wraps) to
    /// `next`'s bound context, its sealed value as it is.
    async fn rewrapped_copy(
        &self,
        target: &Record,
        next: &str,
        request: &RollbackRequest,
    ) -> Result<Record> {
        let (name, old) = (target.name.as_str(), target.version.as_str());
        // The user's context is for items that store none (credstash's), as in bind.
        let empty = EncryptionContext::new();
        let user = if target.context.is_some() {
            &empty
        } else {
            &request.context
        };
        let from = EncryptionContext::for_read(target.context.as_ref(), user, name, old)
            .map_err(|e| context_error(e, name, old))?;
        let to_context = from.bound_to(name, next);
        let key_id = self.settings.key_id.as_str();
        let rewrapped = self
            .keyring
            .service()
            .re_encrypt(&target.wrapped_key, &from, key_id, &to_context)
            .await
            .map_err(|e| key_error(e, name, old))?;
        let wraps = self
            .keyring
            .rewrap_replicas(
                &target.wraps,
                &from,
                (key_id, &to_context),
                rewrapped.key.as_deref().unwrap_or_default(),
                false,
            )
            .await
            .map_err(|e| key_error(e, name, old))?;
        Ok(Record {
            name: name.to_string(),
            version: next.to_string(),
            wrapped_key: rewrapped.wrapped,
            ciphertext: target.ciphertext.clone(),
            hmac_hex: target.hmac_hex.clone(),
            digest: target.digest,
            comment: Some(
                request
                    .comment
                    .clone()
                    .unwrap_or_else(|| format!("rollback to version {old}")),
            )
            .filter(|c| !c.is_empty()),
            context: Some(to_context),
            created_at: Some(now_unix()),
            wraps,
            meta: self.stamped(&request.meta).await,
        })
    }
}

/// What [`Client::stale`] looks for.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct StaleQuery {
    /// The names looked at.
    pub selection: Selection,
    /// A latest version older than this (seconds) is stale; None judges expiry only.
    pub max_age: Option<i64>,
}

impl StaleQuery {
    /// Expiry only, over `selection`.
    pub fn new(selection: Selection) -> Self {
        StaleQuery {
            selection,
            max_age: None,
        }
    }
}

/// Why a secret is stale (a secret may have several reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StaleReason {
    /// Its latest version is past its expiry (unix seconds).
    Expired(i64),
    /// Its latest version is older than the maximum age (its age, seconds).
    Old(i64),
    /// Its latest version has no creation time (credstash writes none): its age is
    /// unknown, so it is reported rather than assumed fresh.
    AgeUnknown,
}

/// A secret whose latest version is stale.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct StaleSecret {
    /// The name.
    pub name: String,
    /// Its latest version.
    pub version: String,
    /// When the latest version was written (unix seconds), when known.
    pub created_at: Option<i64>,
    /// The latest version's metadata (not authenticated).
    pub meta: Metadata,
    /// Why it is stale; never empty.
    pub reasons: Vec<StaleReason>,
}

/// What [`Client::stale`] found: the stale secrets by name, and the items it could not read.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct StaleReport {
    /// The stale secrets, sorted by name.
    pub stale: Vec<StaleSecret>,
    /// Items not in the format (reported, not judged).
    pub unreadable: Vec<RecordError>,
}

impl Client {
    /// The selected secrets whose latest version is past its expiry or older than
    /// `query.max_age`, judged at [`Client::now`]. Reads no value: one projected scan.
    /// Expiry and age are hints from unauthenticated attributes, for reports only.
    pub async fn stale(&self, query: &StaleQuery) -> Result<StaleReport> {
        let mut listing = self.list().await?;
        let now = self.now();
        let mut report = StaleReport {
            stale: Vec::new(),
            unreadable: std::mem::take(&mut listing.unreadable),
        };
        let mut entries = listing
            .iter()
            .filter(|e| query.selection.matches(e.name))
            .peekable();
        while let Some(entry) = entries.next() {
            if entries.peek().is_some_and(|next| next.name == entry.name) {
                continue; // not the latest of its name
            }
            let meta = entry.meta.cloned().unwrap_or_default();
            let mut reasons = Vec::new();
            if let Some(at) = meta.expires_at.filter(|at| *at <= now) {
                reasons.push(StaleReason::Expired(at));
            }
            if let Some(max_age) = query.max_age {
                match entry.created_at {
                    Some(t) if now.saturating_sub(t) > max_age => {
                        reasons.push(StaleReason::Old(now.saturating_sub(t)));
                    }
                    Some(_) => {}
                    None => reasons.push(StaleReason::AgeUnknown),
                }
            }
            if !reasons.is_empty() {
                report.stale.push(StaleSecret {
                    name: entry.name.to_string(),
                    version: entry.version.to_string(),
                    created_at: entry.created_at,
                    meta,
                    reasons,
                });
            }
        }
        Ok(report)
    }
}

/// The version to roll back to: `to` (padded, else the exact string), or the one before
/// the latest. It must not be the latest itself: there is nothing to roll back.
fn pick_target<'r>(name: &str, records: &'r [Record], to: Option<&str>) -> Result<&'r Record> {
    let Some(latest) = records.last() else {
        return Err(Error::NotFound {
            name: name.to_string(),
            version: None,
        });
    };
    let target = match to {
        None => records.iter().rev().nth(1).ok_or_else(|| {
            Error::InvalidInput(format!(
                "secret {name:?} has one version ({}): there is no earlier version to roll back to",
                latest.version
            ))
        })?,
        Some(v) => {
            let padded = version::pad(v).map_err(|source| Error::Version {
                name: name.to_string(),
                version: v.to_string(),
                source,
            })?;
            records
                .iter()
                .find(|r| r.version == padded)
                .or_else(|| records.iter().find(|r| r.version == v))
                .ok_or_else(|| Error::NotFound {
                    name: name.to_string(),
                    version: Some(v.to_string()),
                })?
        }
    };
    if target.version == latest.version {
        return Err(Error::InvalidInput(format!(
            "secret {name:?}: version {} is already the latest; roll back to an earlier one (--to VERSION)",
            target.version
        )));
    }
    Ok(target)
}
