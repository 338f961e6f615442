//! The credstore client: composes a record store and a key service into setup, put,
//! get, get-many, list, history, delete, prune and copy, with credstash's semantics.

use crate::context::{ContextError, EncryptionContext};
use crate::crypto::{self, CryptoError, Digest};
use crate::error::{Error, Result};
use crate::kms::{KeyError, KeyService};
pub use crate::record::Summary;
use crate::record::{Record, RecordError};
use crate::secret::SecretBytes;
use crate::store::{SecretStore, SetupOptions, SetupOutcome, StoreError};
use crate::{name, version};
use futures::stream::{self, StreamExt, TryStreamExt};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Default KMS key, as credstash.
pub const DEFAULT_KEY_ID: &str = "alias/credstash";

/// Default number of key-service calls in flight during bulk reads.
pub const DEFAULT_CONCURRENCY: usize = 32;

/// DynamoDB's item size limit; secrets that cannot fit are refused before any KMS call.
pub const MAX_ITEM_BYTES: usize = 400 * 1024;

/// Room kept for the attributes other than `contents` (key blob, hmac, context...).
const ITEM_OVERHEAD_BYTES: usize = 4096;

/// How long an autoversion put keeps retrying after losing races for a version: a time
/// budget, not an attempt count, so that writers slowed down by a busy host or service still
/// get the same chance to win (each retry re-reads the versions and takes the next one).
const AUTOVERSION_BUDGET: Duration = Duration::from_secs(30);

/// Backoff after a lost race: a random wait up to this, doubling per attempt...
const AUTOVERSION_BACKOFF_BASE: Duration = Duration::from_millis(10);

/// ...up to this cap, so 50 writers of one name spread out instead of colliding again.
const AUTOVERSION_BACKOFF_CAP: Duration = Duration::from_secs(1);

/// What reads do with items that are not bound to their name (written by credstash or
/// with `--legacy`): anyone who can write the table can swap such an item for another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnboundPolicy {
    /// Read them as credstash does, without a word.
    Allow,
    /// Read them, report each to the unbound observer, and refuse one that sorts after a
    /// bound version of its name (a downgrade: someone put an unbound item over a bound
    /// secret). Unbound versions older than the first bound one (a credstash history)
    /// stay readable.
    #[default]
    Warn,
    /// Refuse every unbound item (`--strict`).
    Refuse,
}

/// Settings shared by every operation of a [`Client`].
#[derive(Clone, Debug)]
pub struct Settings {
    /// Key id for new data keys (`alias/credstash` by default).
    pub key_id: String,
    /// What to do with items that lack the name-bound context.
    pub unbound: UnboundPolicy,
    /// Key-service calls in flight during bulk reads.
    pub concurrency: usize,
    /// The KMS keys reads accept (key ids, key ARNs or aliases); empty accepts any key
    /// the caller may use. A data key wrapped under another key is refused.
    pub read_keys: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            key_id: DEFAULT_KEY_ID.to_string(),
            unbound: UnboundPolicy::default(),
            concurrency: DEFAULT_CONCURRENCY,
            read_keys: Vec::new(),
        }
    }
}

/// What to write with [`Client::put`].
#[derive(Clone, Debug)]
pub struct PutRequest {
    /// The secret's name.
    pub name: String,
    /// The plaintext.
    pub value: SecretBytes,
    /// The user's encryption context (no `credstore:` keys).
    pub context: EncryptionContext,
    /// An explicit version (padded like credstash); None = next integer version.
    pub version: Option<String>,
    /// Optional comment, stored in clear.
    pub comment: Option<String>,
    /// HMAC digest.
    pub digest: Digest,
    /// Write an item without the name-bound context (readable by plain credstash).
    pub legacy: bool,
    /// Key id for this write; None uses [`Settings::key_id`].
    pub key_id: Option<String>,
}

impl PutRequest {
    /// A request with credstore's defaults: autoversion, SHA256, name-bound context.
    pub fn new(name: impl Into<String>, value: SecretBytes) -> Self {
        PutRequest {
            name: name.into(),
            value,
            context: EncryptionContext::new(),
            version: None,
            comment: None,
            digest: Digest::default(),
            legacy: false,
            key_id: None,
        }
    }
}

/// A decrypted secret.
#[derive(Clone, Debug)]
pub struct Secret {
    /// The name.
    pub name: String,
    /// The version read.
    pub version: String,
    /// The plaintext.
    pub value: SecretBytes,
}

/// The result of [`Client::list`]: readable items, plus items that could not be decoded.
#[derive(Debug, Default)]
pub struct Listing {
    /// Items sorted by name, then version.
    pub items: Vec<Summary>,
    /// Items that are not valid records (reported, not fatal for a listing).
    pub unreadable: Vec<RecordError>,
}

/// What [`Client::copy_to`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopySummary {
    /// (name, version) written to the target (or that would be, in a dry run).
    pub copied: Vec<(String, String)>,
    /// (name, version) already present in the target, left as they were.
    pub skipped: Vec<(String, String)>,
}

/// Which secrets a bulk read selects.
#[derive(Clone, Debug)]
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
}

/// Matches `*` as any (possibly empty) run of characters; every other character is
/// literal. (credstash turns `*` into the regex `.*` without escaping the rest, so
/// its `.` also matches any character; ours is literal, which is what users mean.)
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = parts.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Called as bulk reads progress, with (secrets decrypted, secrets to decrypt).
pub type ProgressFn = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Called with (name, version) of each unbound item read under [`UnboundPolicy::Warn`].
pub type UnboundFn = Arc<dyn Fn(&str, &str) + Send + Sync>;

/// The latest record of each selected name, from one scan.
#[derive(Debug, Default)]
pub struct Latest {
    /// The latest record (greatest version string) of each name, by name.
    pub records: BTreeMap<String, Record>,
    /// The names among them that have at least one bound version (any version).
    pub bound_names: HashSet<String>,
}

/// What is known, before opening an unbound record, about bound versions of its name
/// that sort before it.
#[derive(Clone, Copy)]
enum Siblings {
    /// Nothing: ask the store when the policy needs it.
    Unknown,
    /// From a scan, for the latest record of a name: whether the name has a bound
    /// version (which then sorts before it).
    Known(bool),
    /// Not relevant (copy reproduces items as they are).
    Ignored,
}

/// A credstore client over any store and key service.
#[derive(Clone)]
pub struct Client {
    store: Arc<dyn SecretStore>,
    keys: Arc<dyn KeyService>,
    settings: Settings,
    progress: Option<ProgressFn>,
    on_unbound: Option<UnboundFn>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client over the given store and key service.
    pub fn new(store: Arc<dyn SecretStore>, keys: Arc<dyn KeyService>, settings: Settings) -> Self {
        Client {
            store,
            keys,
            settings,
            progress: None,
            on_unbound: None,
        }
    }

    /// Reports each unbound item read under [`UnboundPolicy::Warn`] (e.g. to warn once).
    pub fn with_unbound_observer(mut self, observer: UnboundFn) -> Self {
        self.on_unbound = Some(observer);
        self
    }

    /// Reports the progress of bulk decrypts (e.g. to draw a progress bar).
    pub fn with_progress(mut self, progress: ProgressFn) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The record store (for copying between backends).
    pub fn store(&self) -> &Arc<dyn SecretStore> {
        &self.store
    }

    /// Creates the table if it does not exist.
    pub async fn setup(&self, options: &SetupOptions) -> Result<SetupOutcome> {
        Ok(self.store.create_table(options).await?)
    }

    /// Seals and writes a secret; returns the version written. Without an explicit
    /// version, writes one more than the highest integer version and retries when a
    /// concurrent writer took that version first.
    pub async fn put(&self, request: &PutRequest) -> Result<String> {
        self.put_inner(request)
            .await
            .map_err(|e| e.about(&request.name))
    }

    async fn put_inner(&self, request: &PutRequest) -> Result<String> {
        name::validate(&request.name).map_err(|source| Error::Name {
            name: request.name.clone(),
            source,
        })?;
        check_size(&request.name, request.value.len())?;
        if let Some(c) = request
            .comment
            .as_deref()
            .and_then(crate::printable::first_unsafe)
        {
            return Err(Error::InvalidInput(format!(
                "secret {:?}: the comment contains the invisible or control character U+{:04X}; \
                 use printable characters only",
                request.name,
                u32::from(c)
            )));
        }
        match &request.version {
            Some(v) => {
                let padded = version::pad(v).map_err(|source| Error::Version {
                    name: request.name.clone(),
                    version: v.clone(),
                    source,
                })?;
                self.put_version(request, &padded, None).await?;
                Ok(padded)
            }
            None => {
                let mut last_conflict = None;
                let deadline = Instant::now() + AUTOVERSION_BUDGET;
                let mut attempt: u32 = 0;
                while attempt == 0 || Instant::now() < deadline {
                    if attempt > 0 {
                        tokio::time::sleep(backoff(attempt)).await;
                    }
                    attempt = attempt.saturating_add(1);
                    // A missing table reads as "no versions": the write then reports it
                    // (DynamoDB) or creates it (the embedded store).
                    let existing = match self.store.versions(&request.name).await {
                        Err(StoreError::NoTable(_)) => Vec::new(),
                        other => other?,
                    };
                    let next = version::next_after(existing.iter().map(String::as_str));
                    if let Some(above) = existing.iter().filter(|v| **v > next).max() {
                        return Err(Error::NotLatest {
                            name: request.name.clone(),
                            version: next,
                            above: above.clone(),
                        });
                    }
                    match self.put_version(request, &next, None).await {
                        Ok(()) => return Ok(next),
                        Err(e @ Error::Conflict { .. }) => last_conflict = Some(e),
                        Err(e) => return Err(e),
                    }
                }
                Err(last_conflict.unwrap_or_else(|| Error::Conflict {
                    name: request.name.clone(),
                    version: String::new(),
                }))
            }
        }
    }

    /// Copies every version of every secret into `target` (another table or backend),
    /// keeping names, versions, comments, digests, contexts and creation times; data
    /// keys are re-generated by the target's key service and the values re-sealed.
    /// Versions that already exist in the target are skipped. `context` is the user's
    /// context for items that do not store theirs (written by credstash). Without a
    /// target (a dry run), reads and decrypts everything and writes nothing.
    pub async fn copy_to(
        &self,
        target: Option<&Client>,
        context: &EncryptionContext,
    ) -> Result<CopySummary> {
        let mut records = Vec::new();
        let mut bad = Vec::new();
        for item in self.store.scan().await? {
            match item {
                Ok(r) => records.push(r),
                Err(e) => bad.push(Error::Record(e)),
            }
        }
        if !bad.is_empty() {
            return Err(several(bad));
        }
        records.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        // Decrypt everything first, so an unreadable item stops the copy before any
        // write. (A write failing part-way leaves what was written; a re-run skips it.)
        // The user's context is for items that do not store theirs (credstash's).
        let empty = EncryptionContext::new();
        let context_of = |r: &Record| if r.context.is_some() { &empty } else { context };
        let secrets = self
            .open_with(records.clone(), context_of, |_| Siblings::Ignored)
            .await?;
        let mut summary = CopySummary::default();
        for (record, secret) in records.iter().zip(secrets) {
            let Some(target) = target else {
                summary
                    .copied
                    .push((record.name.clone(), record.version.clone()));
                continue;
            };
            let bound = record
                .context
                .as_ref()
                .is_some_and(EncryptionContext::is_bound);
            let user_context = EncryptionContext::for_read(
                record.context.as_ref(),
                context_of(record),
                &record.name,
                &record.version,
            )
            .map_err(|e| context_error(e, &record.name, &record.version))?
            .without_reserved();
            let mut request = PutRequest::new(record.name.clone(), secret.value);
            request.context = user_context;
            request.comment = record.comment.clone();
            request.digest = record.digest;
            request.legacy = !bound;
            match target
                .put_version(&request, &record.version, record.created_at)
                .await
            {
                Ok(()) => summary
                    .copied
                    .push((record.name.clone(), record.version.clone())),
                Err(Error::Conflict { name, version }) => summary.skipped.push((name, version)),
                Err(e) => return Err(e),
            }
        }
        Ok(summary)
    }

    async fn put_version(
        &self,
        request: &PutRequest,
        version: &str,
        created_at: Option<i64>,
    ) -> Result<()> {
        let context = if request.legacy {
            request.context.clone()
        } else {
            request.context.bound_to(&request.name, version)
        };
        let key_id = request.key_id.as_deref().unwrap_or(&self.settings.key_id);
        let generated = self
            .keys
            .generate_data_key(key_id, &context)
            .await
            .map_err(|e| key_error(e, &request.name, version))?;
        let sealed = crypto::seal(&generated.plaintext, request.digest, request.value.expose());
        drop(generated.plaintext);
        let record = Record {
            name: request.name.clone(),
            version: version.to_string(),
            wrapped_key: generated.wrapped,
            ciphertext: sealed.ciphertext,
            hmac_hex: sealed.hmac_hex,
            digest: request.digest,
            comment: request.comment.clone().filter(|c| !c.is_empty()),
            context: (!context.is_empty()).then_some(context),
            created_at: created_at.or_else(|| Some(now_unix())),
        };
        match self.store.put_new(&record).await {
            Ok(()) => Ok(()),
            // The SDK retries a write whose answer was lost; if the first attempt
            // landed, the retry meets our own item. That is success, not a conflict.
            Err(StoreError::Conflict { .. }) if self.holds(&record).await => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// True when the store holds exactly `record`'s sealed material at its version.
    async fn holds(&self, record: &Record) -> bool {
        matches!(
            self.store.get_version(&record.name, &record.version).await,
            Ok(Some(stored)) if same_material(&stored, record)
        )
    }

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

    async fn find_version(&self, name: &str, v: &str) -> Result<Option<Record>> {
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
    /// unbound record is judged by [`Settings::unbound`] (which may ask the store whether
    /// its name has bound versions).
    pub async fn open(&self, record: &Record, context: &EncryptionContext) -> Result<Secret> {
        self.open_checked(record, context, Siblings::Unknown).await
    }

    /// Like [`Client::open`] for a record of a [`Latest`] scan, which already knows
    /// whether the name has bound versions.
    pub async fn open_latest(
        &self,
        record: &Record,
        latest: &Latest,
        context: &EncryptionContext,
    ) -> Result<Secret> {
        let known = latest.bound_names.contains(&record.name);
        self.open_checked(record, context, Siblings::Known(known))
            .await
    }

    async fn open_checked(
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
        let full = EncryptionContext::for_read(record.context.as_ref(), context, name, ver)
            .map_err(|e| context_error(e, name, ver))?;
        let key = self
            .keys
            .decrypt_data_key(&record.wrapped_key, &full)
            .await
            .map_err(|e| key_error(e, name, ver))?;
        let value = crypto::open(&key, record.digest, &record.ciphertext, &record.hmac_hex)
            .map_err(|e| integrity_error(e, name, ver))?;
        if report_unbound {
            if let Some(observer) = &self.on_unbound {
                observer(name, ver);
            }
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
    async fn admit_unbound(&self, record: &Record, siblings: Siblings) -> Result<bool> {
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
    /// sorted by name. Any failure fails the whole call: no partial results.
    pub async fn get_many(
        &self,
        selection: &Selection,
        context: &EncryptionContext,
    ) -> Result<Vec<Secret>> {
        let latest = self.latest_where(|name| selection.matches(name)).await?;
        let bound = &latest.bound_names;
        let records = latest.records.values().cloned().collect();
        self.open_with(
            records,
            |_| context,
            |r| Siblings::Known(bound.contains(&r.name)),
        )
        .await
    }

    /// One scan: the latest record (greatest version string, as credstash) of every
    /// name that `wanted` accepts, and which of those names have a bound version. An
    /// undecodable item of a wanted name is an error.
    pub async fn latest_where(&self, wanted: impl Fn(&str) -> bool) -> Result<Latest> {
        let mut latest = Latest::default();
        let mut bad = Vec::new();
        for item in self.store.scan().await? {
            match item {
                Ok(r) if wanted(&r.name) => {
                    if r.context.as_ref().is_some_and(EncryptionContext::is_bound) {
                        latest.bound_names.insert(r.name.clone());
                    }
                    if latest
                        .records
                        .get(&r.name)
                        .is_none_or(|cur| r.version > cur.version)
                    {
                        latest.records.insert(r.name.clone(), r);
                    }
                }
                Ok(_) => {}
                Err(e) if wanted(e.item_name()) => bad.push(Error::Record(e)),
                Err(_) => {}
            }
        }
        if bad.is_empty() {
            Ok(latest)
        } else {
            Err(several(bad))
        }
    }

    /// Decrypts records concurrently (at most [`Settings::concurrency`] at once),
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
    async fn open_with<'c>(
        &self,
        records: Vec<Record>,
        context_of: impl Fn(&Record) -> &'c EncryptionContext,
        siblings_of: impl Fn(&Record) -> Siblings,
    ) -> Result<Vec<Secret>> {
        let limit = self.settings.concurrency.max(1);
        let total = records.len();
        let mut done = 0;
        let results: Vec<Result<Secret>> = stream::iter(records.iter())
            .map(|r| self.open_checked(r, context_of(r), siblings_of(r)))
            .buffered(limit)
            .inspect(|_| {
                done += 1;
                if let Some(report) = &self.progress {
                    report(done, total);
                }
            })
            .collect()
            .await;
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

    /// Every item's name, version, comment and time, sorted by name then version.
    pub async fn list(&self) -> Result<Listing> {
        let mut listing = Listing::default();
        for item in self.store.scan_summaries().await? {
            match item {
                Ok(summary) => listing.items.push(summary),
                Err(e) => listing.unreadable.push(e),
            }
        }
        listing
            .items
            .sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        Ok(listing)
    }

    /// The versions of `name`, ascending; NotFound when it has none.
    pub async fn history(&self, name: &str) -> Result<Vec<Summary>> {
        let records = self
            .store
            .records_of(name)
            .await
            .map_err(|e| Error::from(e).about(name))?;
        if records.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: None,
            });
        }
        Ok(records.iter().map(Summary::from).collect())
    }

    /// Deletes one version (padded like `get -v`) or every version of `name`;
    /// returns the versions deleted. NotFound when nothing matched.
    pub async fn delete(&self, name: &str, version: Option<&str>) -> Result<Vec<String>> {
        self.delete_inner(name, version)
            .await
            .map_err(|e| e.about(name))
    }

    async fn delete_inner(&self, name: &str, version: Option<&str>) -> Result<Vec<String>> {
        let targets = match version {
            Some(v) => self
                .find_version(name, v)
                .await?
                .map(|r| vec![r.version])
                .unwrap_or_default(),
            None => self.store.versions(name).await?,
        };
        let deleted = self.delete_versions(name, targets).await?;
        if deleted.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: version.map(str::to_string),
            });
        }
        Ok(deleted)
    }

    /// Deletes every version of `name` but the `keep` latest (by credstash's order,
    /// the greatest version strings); returns the versions deleted. `keep` must be at
    /// least 1 (deleting everything is [`Client::delete`]'s job).
    pub async fn prune(&self, name: &str, keep: usize) -> Result<Vec<String>> {
        if keep == 0 {
            return Err(Error::InvalidInput(format!(
                "secret {name:?}: prune keeps at least one version; use delete to remove all"
            )));
        }
        let mut versions = self
            .store
            .versions(name)
            .await
            .map_err(|e| Error::from(e).about(name))?;
        if versions.is_empty() {
            return Err(Error::NotFound {
                name: name.to_string(),
                version: None,
            });
        }
        versions.sort();
        let old = versions.len().saturating_sub(keep);
        versions.truncate(old);
        self.delete_versions(name, versions)
            .await
            .map_err(|e| e.about(name))
    }

    /// Deletes these versions of `name` concurrently; returns those that existed.
    async fn delete_versions(&self, name: &str, versions: Vec<String>) -> Result<Vec<String>> {
        let limit = self.settings.concurrency.max(1);
        let deleted: Vec<Option<String>> = stream::iter(versions)
            .map(|v| async move {
                let existed = self.store.delete(name, &v).await?;
                Ok::<_, StoreError>(existed.then_some(v))
            })
            .buffered(limit)
            .try_collect()
            .await?;
        Ok(deleted.into_iter().flatten().collect())
    }
}

/// One error as itself, several as [`Error::Several`].
pub(crate) fn several(mut errors: Vec<Error>) -> Error {
    if errors.len() == 1 {
        errors.remove(0)
    } else {
        Error::Several(errors)
    }
}

/// True when two records carry the same sealed material (so they are one write).
fn same_material(a: &Record, b: &Record) -> bool {
    a.wrapped_key == b.wrapped_key && a.ciphertext == b.ciphertext && a.hmac_hex == b.hmac_hex
}

/// Full-jitter exponential backoff for the `attempt`-th retry (1-based).
fn backoff(attempt: u32) -> Duration {
    let ceiling = AUTOVERSION_BACKOFF_BASE
        .saturating_mul(1 << attempt.min(16))
        .min(AUTOVERSION_BACKOFF_CAP);
    let mut random = [0u8; 4];
    // Without OS randomness, fall back to the full ceiling: slower, still correct.
    let fraction = match getrandom::getrandom(&mut random) {
        Ok(()) => f64::from(u32::from_le_bytes(random)) / f64::from(u32::MAX),
        Err(_) => 1.0,
    };
    ceiling.mul_f64(fraction)
}

fn check_size(name: &str, len: usize) -> Result<()> {
    let encoded = len.div_ceil(3) * 4;
    if encoded + name.len() + ITEM_OVERHEAD_BYTES > MAX_ITEM_BYTES {
        return Err(Error::InvalidInput(format!(
            "secret {name:?}: the value is {len} bytes, too large for one DynamoDB item (400 KB \
             after base64); store a smaller value, e.g. a reference to a file in S3"
        )));
    }
    Ok(())
}

fn key_error(e: KeyError, name: &str, version: &str) -> Error {
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

fn context_error(e: ContextError, name: &str, version: &str) -> Error {
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

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard() {
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("db.*", "db.password"));
        assert!(!wildcard_match("db.*", "dbxpassword"));
        assert!(wildcard_match("*.password", "db.password"));
        assert!(wildcard_match("a*b*c", "abc"));
        assert!(wildcard_match("a*b*c", "a-b-b-c"));
        assert!(!wildcard_match("a*b*c", "a-c-b"));
        assert!(!wildcard_match("ab*ba", "aba"));
        assert!(wildcard_match("exact", "exact"));
        assert!(!wildcard_match("exact", "exactly"));
    }

    #[test]
    fn size_limit_is_checked() {
        assert!(check_size("n", 1000).is_ok());
        assert!(check_size("n", 290 * 1024).is_ok());
        assert!(check_size("n", 300 * 1024).is_err());
        let err = check_size("n", 400 * 1024).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Usage);
        assert!(err.to_string().contains("\"n\""));
    }
}
