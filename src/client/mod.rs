//! The credstore client: composes a record store and a key service into credstash's
//! operations. Each concern has its file: writing, reading (one bulk-read pipeline),
//! listing and deleting, copying.

mod copy;
mod diff;
mod keys;
mod lifecycle;
mod listing;
mod named;
mod pipeline;
mod putall;
mod read;
mod rekey;
#[cfg(test)]
mod rules;
mod sync;
mod write;
mod writer;

pub use copy::{CopySource, CopySummary};
pub use diff::Diff;
pub use lifecycle::{
    RollbackRequest, RolledBack, StaleQuery, StaleReason, StaleReport, StaleSecret,
};
pub use listing::{Entry, Listing};
pub use named::NamedRead;
pub use read::{Latest, Selection};
pub(crate) use read::{Read, Siblings};
pub use rekey::{RewrapOptions, RewrapOutcome, RewrapSummary, Targets};
pub use sync::SyncSummary;
pub use write::PutRequest;
pub use writer::Writer;

use crate::error::{Error, Result};
use crate::kms::keyring::Keyring;
pub use crate::model::record::Summary;
use crate::model::secret::SecretBytes;
use crate::store::{SecretStore, SetupOptions, SetupOutcome};
use std::sync::Arc;

use crate::kms::DEFAULT_CONCURRENCY;

/// What reads do with items that are not bound to their name (written by credstash or
/// with `--legacy`): anyone who can write the table can swap such an item for another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// Regions whose KMS key (same alias, or a multi-Region key's replica) wraps each new
    /// data key besides the home region's, so reads survive a regional outage.
    pub replica_regions: Vec<String>,
    /// Refuse to read a version past its `expires_at` ([`Error::Expired`]) instead of
    /// reading it and reporting it to the expiry observer.
    pub refuse_expired: bool,
    /// The time (unix seconds) expiry and age are judged at; None = the system clock.
    pub now: Option<i64>,
}

impl Settings {
    /// Default KMS key, as credstash.
    pub const DEFAULT_KEY_ID: &str = "alias/credstash";

    /// Default number of key-service calls in flight during bulk reads.
    pub const DEFAULT_CONCURRENCY: usize = DEFAULT_CONCURRENCY;
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            key_id: Settings::DEFAULT_KEY_ID.to_string(),
            unbound: UnboundPolicy::default(),
            concurrency: DEFAULT_CONCURRENCY,
            read_keys: Vec::new(),
            replica_regions: Vec::new(),
            refuse_expired: false,
            now: None,
        }
    }
}

/// A decrypted secret.
#[derive(Debug)]
pub struct Secret {
    /// The name.
    pub name: String,
    /// The version read.
    pub version: String,
    /// The plaintext.
    pub value: SecretBytes,
}

/// Called as bulk reads progress, with (secrets decrypted, secrets to decrypt).
pub(crate) type ProgressFn = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Called with (name, version) of each unbound item read under [`UnboundPolicy::Warn`].
pub(crate) type UnboundFn = Arc<dyn Fn(&str, &str) + Send + Sync>;

/// KMS connections opened ahead of a scanning read's decrypts, at most (the number of
/// secrets is unknown before the scan, and a connection opened after it comes too late).
pub(crate) const WARM_FOR_SCANS: usize = 32;

/// Called with (name, version, expires_at) of each version read past its expiry (unless
/// [`Settings::refuse_expired`]).
pub(crate) type ExpiredFn = Arc<dyn Fn(&str, &str, i64) + Send + Sync>;
/// Called with the name of each secret whose versions were all unbound (credstash's)
/// when a put wrote a bound one: plain credstash no longer reads that name.
pub(crate) type FirstBoundFn = Arc<dyn Fn(&str) + Send + Sync>;

/// A credstore client over any store and key service.
#[derive(Clone)]
pub struct Client {
    store: Arc<dyn SecretStore>,
    /// Makes and opens data keys: the home key service and, for the AWS backend, the
    /// other regions' (replica wraps and failover).
    keyring: Keyring,
    settings: Settings,
    progress: Option<ProgressFn>,
    on_unbound: Option<UnboundFn>,
    on_expired: Option<ExpiredFn>,
    /// Who writes: the `created_by` of new versions (none when unset).
    writer: Option<Arc<Writer>>,
    on_first_bound: Option<FirstBoundFn>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client over the given store and keyring.
    pub fn new(store: Arc<dyn SecretStore>, keyring: Keyring, settings: Settings) -> Self {
        Client {
            store,
            keyring,
            settings,
            progress: None,
            on_unbound: None,
            on_expired: None,
            writer: None,
            on_first_bound: None,
        }
    }

    /// Stamps `writer`'s identity as the `created_by` of each version this client writes
    /// (unless the request names one). Share one writer between clients to look it up once.
    pub fn with_writer(mut self, writer: Arc<Writer>) -> Self {
        self.writer = Some(writer);
        self
    }

    /// The writer set by [`Client::with_writer`].
    pub fn writer(&self) -> Option<&Arc<Writer>> {
        self.writer.as_ref()
    }

    /// The request's metadata with the writer stamped as `created_by` when it has none.
    pub(crate) async fn stamped(
        &self,
        meta: &crate::model::metadata::Metadata,
    ) -> crate::model::metadata::Metadata {
        let mut meta = meta.clone();
        if meta.created_by.is_none()
            && let Some(writer) = &self.writer
        {
            meta.created_by = writer.identity().await.ok().map(str::to_string);
        }
        meta
    }

    /// Reports each unbound item read under [`UnboundPolicy::Warn`] (e.g. to warn once).
    pub fn with_unbound_observer(
        mut self,
        observer: impl Fn(&str, &str) + Send + Sync + 'static,
    ) -> Self {
        self.on_unbound = Some(Arc::new(observer));
        self
    }

    /// Reports each version read past its expiry (e.g. to warn on stderr).
    pub fn with_expired_observer(
        mut self,
        observer: impl Fn(&str, &str, i64) + Send + Sync + 'static,
    ) -> Self {
        self.on_expired = Some(Arc::new(observer));
        self
    }

    /// The time expiry and age are judged at: [`Settings::now`], else the system clock.
    pub fn now(&self) -> i64 {
        self.settings.now.unwrap_or_else(write::now_unix)
    }

    /// Reports each put that wrote the first bound version of a name whose versions were
    /// all unbound (e.g. to warn that credstash readers of the table lose the name).
    pub fn with_first_bound_observer(
        mut self,
        observer: impl Fn(&str) + Send + Sync + 'static,
    ) -> Self {
        self.on_first_bound = Some(Arc::new(observer));
        self
    }

    /// Reports the progress of bulk decrypts (e.g. to draw a progress bar).
    pub fn with_progress(
        mut self,
        progress: impl Fn(usize, usize) + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(Arc::new(progress));
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

    /// The keyring that makes and opens this client's data keys (what envelopes,
    /// `setup` and `doctor` use directly).
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
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
