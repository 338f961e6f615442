//! Reading: one secret by name and version, and the one bulk-read pipeline (a projected,
//! prefix-filtered key scan for the latest version of each selected name, a batched fetch
//! of only those items, then decrypts with bounded concurrency, every failure collected),
//! with the unbound policy applied to each item.

use super::{Client, Secret, UnboundPolicy, several};
use crate::crypto::{self, CryptoError};
use crate::error::{Error, Result};
use crate::kms::KeyError;
use crate::model::context::{ContextError, EncryptionContext};
use crate::model::record::Record;
use crate::model::version;
use crate::pattern::{literal_prefix, wildcard_match};
use futures::stream::{self, StreamExt};
use std::collections::{BTreeMap, HashSet};

/// Which secrets a bulk read selects.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Selection {
    /// Every name in the table.
    All,
    /// Names matching a pattern where `*` matches any run of characters.
    Wildcard(String),
}

impl Selection {
    /// True when `name` is selected.
    pub fn matches(&self, name: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Wildcard(p) => wildcard_match(p, name),
        }
    }

    /// The prefix every selected name starts with ("" for all names).
    pub fn prefix(&self) -> &str {
        match self {
            Selection::All => "",
            Selection::Wildcard(p) => literal_prefix(p),
        }
    }
}

/// The latest record of each selected name, from one key scan and one batched fetch.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Latest {
    /// The latest record (greatest version string) of each name, by name.
    pub records: BTreeMap<String, Record>,
    /// The names among them that have at least one bound version (any version).
    pub bound_names: HashSet<String>,
}

/// What is known, before opening an unbound record, about bound versions of its name
/// that sort before it.
#[derive(Clone, Copy)]
pub(crate) enum Siblings {
    /// Nothing: ask the store when the policy needs it.
    Unknown,
    /// From a scan, for the latest record of a name: whether the name has a bound
    /// version (which then sorts before it).
    Known(bool),
    /// Not relevant (copy reproduces items as they are).
    Ignored,
}

impl Client {
    /// Reads and decrypts `name`: the latest version (greatest version string, as
    /// credstash), or `version` padded like credstash, falling back to the exact
    /// string for unpadded legacy versions.
    pub async fn get(
        &self,
        name: &str,
        version: Option<&str>,
        context: &EncryptionContext,
    ) -> Result<Secret> {
        let record = match version {
            None => self.store.latest(name).await.map_err(Error::from),
            Some(v) => self.find_version(name, v).await,
        }
        .map_err(|e| e.about(name))?;
        let record = record.ok_or_else(|| Error::NotFound {
            name: name.to_string(),
            version: version.map(str::to_string),
        })?;
        self.open(&record, context).await
    }

    /// Every version of `name`, decrypted, oldest first; NotFound when it has none. Any
    /// failure fails the whole call.
    pub async fn get_versions(
        &self,
        name: &str,
        context: &EncryptionContext,
    ) -> Result<Vec<Secret>> {
        let records = self.records_of(name).await?;
        self.open_all(records, context).await
    }

    pub(super) async fn find_version(&self, name: &str, v: &str) -> Result<Option<Record>> {
        let padded = version::pad(v).map_err(|source| Error::Version {
            name: name.to_string(),
            version: v.to_string(),
            source,
        })?;
        if let Some(r) = self.store.get_version(name, &padded).await? {
            return Ok(Some(r));
        }
        if padded != v {
            return Ok(self.store.get_version(name, v).await?);
        }
        Ok(None)
    }

    /// Decrypts one record with the user's context merged into its stored one. An
    /// unbound record is judged by [`super::Settings::unbound`] (which may ask the store whether
    /// its name has bound versions).
    pub async fn open(&self, record: &Record, context: &EncryptionContext) -> Result<Secret> {
        self.open_checked(record, context, Siblings::Unknown).await
    }

    pub(super) async fn open_checked(
        &self,
        record: &Record,
        context: &EncryptionContext,
        siblings: Siblings,
    ) -> Result<Secret> {
        let (name, ver) = (record.name.as_str(), record.version.as_str());
        let bound = record
            .context
            .as_ref()
            .is_some_and(EncryptionContext::is_bound);
        let report_unbound = !bound && self.admit_unbound(record, siblings).await?;
        // Expiry is unauthenticated metadata: it can make a read warn or (strict) fail,
        // never make a read succeed that would otherwise fail.
        let expired = record.meta.expires_at.filter(|at| *at <= self.now());
        if let (Some(expires_at), true) = (expired, self.settings.refuse_expired) {
            return Err(Error::Expired {
                name: name.to_string(),
                version: ver.to_string(),
                expires_at,
            });
        }
        let full = EncryptionContext::for_read(record.context.as_ref(), context, name, ver)
            .map_err(|e| context_error(e, name, ver))?;
        let key = self
            .unwrap_record(record, &full)
            .await
            .map_err(|e| key_error(e, name, ver))?;
        let value = crypto::open(&key, record.digest, &record.ciphertext, &record.hmac_hex)
            .map_err(|e| integrity_error(e, name, ver))?;
        if report_unbound {
            if let Some(observer) = &self.on_unbound {
                observer(name, ver);
            }
        }
        if let (Some(expires_at), Some(observer)) = (expired, &self.on_expired) {
            observer(name, ver, expires_at);
        }
        Ok(Secret {
            name: name.to_string(),
            version: ver.to_string(),
            value,
        })
    }

    /// Whether an unbound record may be read (Ok(true): read it and report it).
    /// Refused under [`UnboundPolicy::Refuse`], and under [`UnboundPolicy::Warn`] when
    /// a bound version of its name sorts before it: a bound secret never silently
    /// becomes unbound.
    pub(super) async fn admit_unbound(&self, record: &Record, siblings: Siblings) -> Result<bool> {
        let (name, version) = (record.name.as_str(), record.version.as_str());
        match self.settings.unbound {
            UnboundPolicy::Allow => Ok(false),
            UnboundPolicy::Refuse => Err(Error::Unbound {
                name: name.to_string(),
                version: version.to_string(),
            }),
            UnboundPolicy::Warn => {
                let has_bound = match siblings {
                    Siblings::Ignored => false,
                    Siblings::Known(known) => known,
                    Siblings::Unknown => self
                        .store
                        .records_of(name)
                        .await
                        .map_err(|e| Error::from(e).about(name))?
                        .iter()
                        .any(|r| {
                            r.version < record.version
                                && r.context.as_ref().is_some_and(EncryptionContext::is_bound)
                        }),
                };
                if has_bound {
                    return Err(Error::Downgrade {
                        name: name.to_string(),
                        version: version.to_string(),
                    });
                }
                Ok(true)
            }
        }
    }

    /// The latest version of every selected name, decrypted with bounded concurrency,
    /// sorted by name. Any failure fails the whole call: no partial results. The fetch
    /// and the decrypts start while the key scan is still reading (`client::pipeline`).
    pub async fn get_many(
        &self,
        selection: &Selection,
        context: &EncryptionContext,
    ) -> Result<Vec<Secret>> {
        self.get_many_excluding(selection, &[], context).await
    }

    /// [`Client::get_many`] without the names that match any of the `exclude` patterns
    /// (`*` matches any run of characters): they are neither fetched nor decrypted.
    pub async fn get_many_excluding(
        &self,
        selection: &Selection,
        exclude: &[String],
        context: &EncryptionContext,
    ) -> Result<Vec<Secret>> {
        let prefixes = normalized(&[selection.prefix().to_string()]);
        let wanted = |name: &str| {
            selection.matches(name) && !exclude.iter().any(|p| wildcard_match(p, name))
        };
        self.read_selected(&prefixes, wanted, context).await
    }

    /// The latest record (greatest version string, as credstash) of every name that
    /// starts with one of `prefixes` (every name when empty) and that `wanted` accepts,
    /// and which of those names have a bound version. An undecodable item of a wanted
    /// name is an error.
    ///
    /// Two steps, so that the cost follows the selection, not the table: a projected key
    /// scan (name, version, context; filtered on the store's side by prefix) picks the
    /// latest version of each wanted name and notes its bound versions; then only those
    /// items are fetched. Both reads are strongly consistent: a version written just
    /// before the call is the one selected, and the fetch sees every key the scan saw.
    /// An item deleted between the two steps is looked up again by name (its name's
    /// latest version now, if any).
    pub async fn latest_where(
        &self,
        prefixes: &[String],
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Latest> {
        let mut latest = Latest::default();
        let mut newest: BTreeMap<String, String> = BTreeMap::new();
        let mut bad = Vec::new();
        for key in self.store.scan_keys(&normalized(prefixes)).await? {
            match key {
                Ok(k) if wanted(&k.name) => {
                    if k.bound {
                        latest.bound_names.insert(k.name.clone());
                    }
                    match newest.get_mut(&k.name) {
                        Some(cur) if *cur >= k.version => {}
                        Some(cur) => *cur = k.version,
                        None => {
                            newest.insert(k.name, k.version);
                        }
                    }
                }
                Ok(_) => {}
                Err(e) if wanted(e.item_name()) => bad.push(Error::Record(e)),
                Err(_) => {}
            }
        }
        if !bad.is_empty() {
            return Err(several(bad));
        }
        let keys: Vec<(String, String)> = newest.into_iter().collect();
        for item in self.store.get_records(&keys).await? {
            match item {
                Ok(r) => {
                    latest.records.insert(r.name.clone(), r);
                }
                Err(e) => bad.push(Error::Record(e)),
            }
        }
        for (name, _) in keys {
            if latest.records.contains_key(&name) || bad.iter().any(|e| names_item(e, &name)) {
                continue;
            }
            // Deleted since the scan: whatever is latest now (nothing: not selected).
            if let Some(r) = self
                .store
                .latest(&name)
                .await
                .map_err(|e| Error::from(e).about(&name))?
            {
                latest.records.insert(name, r);
            }
        }
        if bad.is_empty() {
            Ok(latest)
        } else {
            Err(several(bad))
        }
    }

    /// Decrypts records concurrently (at most [`super::Settings::concurrency`] at once),
    /// preserving their order; collects every failure.
    pub async fn open_all(
        &self,
        records: Vec<Record>,
        context: &EncryptionContext,
    ) -> Result<Vec<Secret>> {
        self.open_with(records, |_| context, |_| Siblings::Unknown)
            .await
    }

    /// Like [`Client::open_all`], with the user's context and what is known of bound
    /// versions chosen per record.
    pub(super) async fn open_with<'c>(
        &self,
        records: Vec<Record>,
        context_of: impl Fn(&Record) -> &'c EncryptionContext,
        siblings_of: impl Fn(&Record) -> Siblings,
    ) -> Result<Vec<Secret>> {
        let reads = records
            .iter()
            .map(|record| {
                let read = Read::Scanned {
                    record,
                    siblings: siblings_of(record),
                };
                (read, context_of(record))
            })
            .collect();
        all_or_failures(self.read_many(reads).await)
    }

    /// The decrypt stage of the bulk-read pipeline, shared by every bulk read: runs
    /// `reads` with at most [`super::Settings::concurrency`] in flight, reports progress,
    /// and returns one result per read, in order.
    pub(crate) async fn read_many(
        &self,
        reads: Vec<(Read<'_>, &EncryptionContext)>,
    ) -> Vec<Result<Secret>> {
        let limit = self.settings.concurrency.max(1);
        let total = reads.len();
        let mut done = 0;
        // The total is known before the first decrypt (a deadline can say "0 of N").
        if let Some(report) = &self.progress {
            report(0, total);
        }
        stream::iter(reads)
            .map(|(read, context)| async move {
                match read {
                    Read::Scanned { record, siblings } => {
                        self.open_checked(record, context, siblings).await
                    }
                    Read::Named { name, version } => self.get(name, version, context).await,
                }
            })
            .buffered(limit)
            .inspect(|_| {
                done += 1;
                if let Some(report) = &self.progress {
                    report(done, total);
                }
            })
            .collect()
            .await
    }
}

/// One read of the bulk-read pipeline.
pub(crate) enum Read<'a> {
    /// A record a scan found: decrypt it.
    Scanned {
        /// The record.
        record: &'a Record,
        /// What the scan knows of bound versions of its name.
        siblings: Siblings,
    },
    /// A name (and version; latest when None) to fetch, then decrypt.
    Named {
        /// The secret's name.
        name: &'a str,
        /// The version.
        version: Option<&'a str>,
    },
}

/// The prefixes of a key scan: empty (every name) when one of them is empty; sorted,
/// without those another one covers.
fn normalized(prefixes: &[String]) -> Vec<String> {
    if prefixes.iter().any(String::is_empty) {
        return Vec::new();
    }
    let mut out = prefixes.to_vec();
    out.sort();
    out.dedup_by(|later, earlier| later.starts_with(earlier.as_str()));
    out
}

/// True when `error` is about an item of `name`.
fn names_item(error: &Error, name: &str) -> bool {
    matches!(error, Error::Record(e) if e.item_name() == name)
}

/// Every secret, or every failure (as one error): bulk reads return nothing partial.
pub(crate) fn all_or_failures(results: Vec<Result<Secret>>) -> Result<Vec<Secret>> {
    let mut secrets = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(s) => secrets.push(s),
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() {
        Ok(secrets)
    } else {
        Err(several(failures))
    }
}

pub(super) fn key_error(e: KeyError, name: &str, version: &str) -> Error {
    match e {
        KeyError::WrongKey { expected, actual } => Error::WrongKey {
            name: name.to_string(),
            version: version.to_string(),
            expected,
            actual,
        },
        KeyError::Refused(_) => Error::KeyRefused {
            name: name.to_string(),
            version: version.to_string(),
            source: e,
        },
        other => Error::Key(other).about(name),
    }
}

pub(super) fn context_error(e: ContextError, name: &str, version: &str) -> Error {
    match e {
        ContextError::Disagrees { key } => Error::ContextMismatch {
            name: name.to_string(),
            version: version.to_string(),
            key,
        },
        source => Error::Context {
            name: name.to_string(),
            version: version.to_string(),
            source,
        },
    }
}

fn integrity_error(e: CryptoError, name: &str, version: &str) -> Error {
    Error::Integrity {
        name: name.to_string(),
        version: version.to_string(),
        detail: e.to_string(),
    }
}
