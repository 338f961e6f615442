//! Bind and rekey: move stored data keys to a name-bound context or to another KMS key
//! with the key service's re-encrypt (KMS `ReEncrypt`), never asking for a plaintext data
//! key, and store them with conditional writes so a concurrent change is never lost.
//!
//! `contents` and `hmac` are never rewritten: the data key itself does not change, only
//! its wrapping. Each version is one conditional write of `key` (and `context`), made
//! only if `key` still holds what was read; a version changed meanwhile is read again
//! and retried, and reported when it keeps changing. Runs are idempotent: bind skips
//! versions already bound (their stored context says so); rekey skips versions KMS
//! reports as already under the target key (the `SourceKeyId` and `KeyId` of the
//! `ReEncrypt` answer are the same key ARN: then nothing is written). No attribute is
//! added to the item, so credstash reads it as before.

use super::read::{context_error, key_error};
use super::{Client, several};
use crate::error::{Error, Result};
use crate::model::context::EncryptionContext;
use crate::model::record::Record;
use crate::pattern::wildcard_match;
use crate::store::StoreError;
use futures::stream::{self, StreamExt};
use std::collections::BTreeSet;

/// How many times a version that changed under a conditional write is read and tried again.
const ATTEMPTS: usize = 3;

/// Which secrets bind or rekey works on: every version of each selected name.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Targets {
    /// Every secret of the table.
    All,
    /// These names and `*` patterns; a name (not a pattern) with no version is an error.
    Names(Vec<String>),
}

impl Targets {
    fn matches(&self, name: &str) -> bool {
        match self {
            Targets::All => true,
            Targets::Names(selectors) => selectors
                .iter()
                .any(|s| s == name || (s.contains('*') && wildcard_match(s, name))),
        }
    }
}

/// Options of [`Client::bind`] and [`Client::rekey`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RewrapOptions {
    /// The secrets to work on.
    pub targets: Targets,
    /// The user's encryption context, for items that do not store theirs (credstash).
    pub context: EncryptionContext,
    /// Report what would change; call no re-encrypt and write nothing.
    pub dry_run: bool,
    /// Bind an unbound version that sorts after a bound version of its name. Reads
    /// refuse such a version as a possible downgrade (someone copied an item over the
    /// bound secret); binding it would make it readable, so bind refuses it too unless
    /// this is set.
    pub allow_downgrade: bool,
}

impl RewrapOptions {
    /// Options for `targets`, no user context, not a dry run.
    pub fn new(targets: Targets) -> Self {
        RewrapOptions {
            targets,
            context: EncryptionContext::new(),
            dry_run: false,
            allow_downgrade: false,
        }
    }
}

/// What happened to one version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RewrapOutcome {
    /// Its data key was re-encrypted and stored (or would be, in a dry run).
    Changed,
    /// Nothing to do: already bound (bind), already under the target key (rekey), or
    /// deleted meanwhile.
    Skipped,
}

/// What bind or rekey did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct RewrapSummary {
    /// Each version handled, (name, version, outcome), sorted by name then version.
    pub items: Vec<(String, String, RewrapOutcome)>,
    /// Each version that failed; nothing was written for it.
    pub failures: Vec<Error>,
    /// True when nothing was re-encrypted or written (`--dry-run`).
    pub dry_run: bool,
}

impl RewrapSummary {
    /// Versions re-encrypted and stored (or that would be, in a dry run).
    pub fn changed(&self) -> usize {
        self.count(RewrapOutcome::Changed)
    }

    /// Versions left as they were (nothing to do).
    pub fn skipped(&self) -> usize {
        self.count(RewrapOutcome::Skipped)
    }

    fn count(&self, outcome: RewrapOutcome) -> usize {
        self.items.iter().filter(|(_, _, o)| *o == outcome).count()
    }

    /// The failures as one error (the most serious decides the kind), if any.
    pub fn into_error(self) -> Option<Error> {
        (!self.failures.is_empty()).then(|| several(self.failures))
    }
}

/// The unbound versions of `records` (sorted by name, then version) that sort after a
/// bound version of their name: what reads refuse as a possible downgrade (the rule of
/// `read::admit_unbound`), so what bind must not make readable.
fn downgrades(records: &[Record]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut bound_seen: Option<&str> = None;
    for r in records {
        if bound_seen.is_some_and(|name| name != r.name) {
            bound_seen = None;
        }
        let bound = r.context.as_ref().is_some_and(EncryptionContext::is_bound);
        if bound {
            bound_seen = Some(&r.name);
        } else if bound_seen.is_some() {
            out.insert((r.name.clone(), r.version.clone()));
        }
    }
    out
}

/// Which re-wrap: binding to the name, or moving to another key.
#[derive(Clone, Copy)]
enum Job<'a> {
    Bind,
    Rekey(&'a str),
}

impl Client {
    /// Binds every unbound version of the targets to its name: the data key is
    /// re-encrypted from its current context (stored, or the user's for credstash items)
    /// to the same context plus `credstore:name`/`credstore:version`, under the configured
    /// key ([`super::Settings::key_id`]), and the new `key` and `context` are stored.
    /// A version wrapped under another key fails (nothing is written): bind it with that
    /// key, or rekey it first. Per-version failures are in the summary, not an `Err`.
    pub async fn bind(&self, options: &RewrapOptions) -> Result<RewrapSummary> {
        self.rewrap(options, Job::Bind).await
    }

    /// Re-encrypts the data key of every version of the targets under `to_key`, keeping
    /// its context; versions already under `to_key` are skipped. Needs a key service
    /// that names keys (KMS): the embedded backend has one master key.
    pub async fn rekey(&self, options: &RewrapOptions, to_key: &str) -> Result<RewrapSummary> {
        if !self.keyring.service().has_key_ids() {
            return Err(Error::InvalidInput(
                "rekey moves data keys between KMS keys; the embedded backend (--local) has one master key: nothing to rekey".into(),
            ));
        }
        if to_key.is_empty() {
            return Err(Error::InvalidInput(
                "rekey needs a key: --to-key KEY".into(),
            ));
        }
        self.rewrap(options, Job::Rekey(to_key)).await
    }

    async fn rewrap(&self, options: &RewrapOptions, job: Job<'_>) -> Result<RewrapSummary> {
        let mut records = Vec::new();
        let mut failures = Vec::new();
        for item in self.store.scan().await? {
            match item {
                Ok(r) if options.targets.matches(&r.name) => records.push(r),
                Ok(_) => {}
                Err(e) if options.targets.matches(e.item_name()) => {
                    failures.push(Error::Record(e));
                }
                Err(_) => {}
            }
        }
        records.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        match &options.targets {
            Targets::All if records.is_empty() && failures.is_empty() => {
                return Err(Error::NothingSelected {
                    what: "--all".into(),
                });
            }
            Targets::Names(selectors) => {
                let found: BTreeSet<&str> = records.iter().map(|r| r.name.as_str()).collect();
                for s in selectors {
                    let hit = if s.contains('*') {
                        found.iter().any(|n| wildcard_match(s, n))
                    } else {
                        found.contains(s.as_str())
                    };
                    if !hit {
                        failures.push(if s.contains('*') {
                            Error::NothingSelected {
                                what: format!("pattern {s:?}"),
                            }
                        } else {
                            Error::NotFound {
                                name: s.clone(),
                                version: None,
                            }
                        });
                    }
                }
            }
            Targets::All => {}
        }

        if matches!(job, Job::Bind) && !options.allow_downgrade {
            let downgrades = downgrades(&records);
            records.retain(|r| {
                let refused = downgrades.contains(&(r.name.clone(), r.version.clone()));
                if refused {
                    failures.push(Error::BindDowngrade {
                        name: r.name.clone(),
                        version: r.version.clone(),
                    });
                }
                !refused
            });
        }

        let limit = self.settings.concurrency.max(1);
        let total = records.len();
        let mut done = 0;
        let results: Vec<(String, String, Result<RewrapOutcome>)> = stream::iter(records)
            .map(|record| async move {
                let result = self.rewrap_one(record.clone(), options, job).await;
                (record.name, record.version, result)
            })
            .buffer_unordered(limit)
            .inspect(|_| {
                done += 1;
                if let Some(report) = &self.progress {
                    report(done, total);
                }
            })
            .collect()
            .await;
        let mut summary = RewrapSummary {
            dry_run: options.dry_run,
            ..RewrapSummary::default()
        };
        for (name, version, result) in results {
            match result {
                Ok(outcome) => summary.items.push((name, version, outcome)),
                Err(e) => failures.push(e),
            }
        }
        summary
            .items
            .sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        summary.failures = failures;
        Ok(summary)
    }

    /// One version: re-encrypt and store conditionally; on a concurrent change, read it
    /// again and start over (at most [`ATTEMPTS`] times).
    async fn rewrap_one(
        &self,
        mut record: Record,
        options: &RewrapOptions,
        job: Job<'_>,
    ) -> Result<RewrapOutcome> {
        for _ in 0..ATTEMPTS {
            match self.try_rewrap(&record, options, job).await? {
                Some(outcome) => return Ok(outcome),
                None => {
                    match self
                        .store
                        .get_version(&record.name, &record.version)
                        .await
                        .map_err(|e| Error::from(e).about(&record.name))?
                    {
                        Some(fresh) => record = fresh,
                        // Deleted meanwhile: nothing left to re-encrypt.
                        None => return Ok(RewrapOutcome::Skipped),
                    }
                }
            }
        }
        Err(Error::Changed {
            name: record.name,
            version: record.version,
        })
    }

    /// One attempt; Ok(None) when the conditional write found the item changed.
    async fn try_rewrap(
        &self,
        record: &Record,
        options: &RewrapOptions,
        job: Job<'_>,
    ) -> Result<Option<RewrapOutcome>> {
        let (name, version) = (record.name.as_str(), record.version.as_str());
        let bound = record
            .context
            .as_ref()
            .is_some_and(EncryptionContext::is_bound);
        if matches!(job, Job::Bind) && bound {
            return Ok(Some(RewrapOutcome::Skipped));
        }
        // The user's context is for items that store none (credstash's), as in copy.
        let empty = EncryptionContext::new();
        let user = if record.context.is_some() {
            &empty
        } else {
            &options.context
        };
        let from = EncryptionContext::for_read(record.context.as_ref(), user, name, version)
            .map_err(|e| context_error(e, name, version))?;
        let (to_key, to_context) = match job {
            Job::Bind => (self.settings.key_id.as_str(), from.bound_to(name, version)),
            Job::Rekey(key) => (key, from.clone()),
        };
        if options.dry_run {
            return Ok(Some(RewrapOutcome::Changed));
        }
        let rewrapped = self
            .keyring
            .service()
            .re_encrypt(&record.wrapped_key, &from, to_key, &to_context)
            .await
            .map_err(|e| key_error(e, name, version))?;
        match (job, &rewrapped.source_key, &rewrapped.key) {
            // Already under the target key: nothing to store.
            (Job::Rekey(_), Some(source), Some(key)) if source == key => {
                return Ok(Some(RewrapOutcome::Skipped));
            }
            // Bind keeps the key: a data key under another key is not moved silently.
            (Job::Bind, Some(source), Some(key)) if source != key => {
                return Err(Error::InvalidInput(format!(
                    "secret {name:?} version {version}: its data key is wrapped under KMS key {source}, not under {key}; bind it with -k {source}, or rekey it first"
                )));
            }
            _ => {}
        }
        // Replica wraps move with the home wrap, each in its region.
        let new_wraps = self
            .keyring
            .rewrap_replicas(
                &record.wraps,
                &from,
                (to_key, &to_context),
                rewrapped.key.as_deref().unwrap_or_default(),
                matches!(job, Job::Bind),
            )
            .await
            .map_err(|e| key_error(e, name, version))?;
        // What is stored: the new context for bind; the stored one, as it was, for rekey.
        let stored_context = match job {
            Job::Bind => to_context,
            Job::Rekey(_) => record.context.clone().unwrap_or_default(),
        };
        match self
            .store
            .replace_wrap(
                name,
                version,
                &record.wrapped_key,
                &rewrapped.wrapped,
                &stored_context,
                &new_wraps,
            )
            .await
        {
            Ok(()) => Ok(Some(RewrapOutcome::Changed)),
            Err(StoreError::Conflict { .. }) => Ok(None),
            Err(e) => Err(Error::from(e).about(name)),
        }
    }
}
