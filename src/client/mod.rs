//! The credstore client: composes a record store and a key service into credstash's
//! operations. Each concern has its file: writing, reading (one bulk-read pipeline),
//! listing and deleting, copying.

mod copy;
mod keys;
mod listing;
mod pipeline;
mod putall;
mod read;
mod rekey;
mod sync;
mod write;

pub use copy::{CopySource, CopySummary};
pub use listing::{Entry, Listing};
pub use putall::parse_putall;
pub use read::{Latest, Selection};
pub(crate) use read::{Read, Siblings};
pub use rekey::{RewrapOptions, RewrapOutcome, RewrapSummary, Targets};
pub use sync::SyncSummary;
pub use write::{MAX_ITEM_BYTES, PutRequest};

use crate::error::{Error, Result};
use crate::kms::keyring::Keyring;
pub use crate::model::record::Summary;
use crate::model::secret::SecretBytes;
use crate::store::{SecretStore, SetupOptions, SetupOutcome};
use std::sync::Arc;

/// Default KMS key, as credstash.
pub const DEFAULT_KEY_ID: &str = "alias/credstash";

/// Default number of key-service calls in flight during bulk reads.
pub use crate::kms::DEFAULT_CONCURRENCY;

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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            key_id: DEFAULT_KEY_ID.to_string(),
            unbound: UnboundPolicy::default(),
            concurrency: DEFAULT_CONCURRENCY,
            read_keys: Vec::new(),
            replica_regions: Vec::new(),
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
pub type ProgressFn = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Called with (name, version) of each unbound item read under [`UnboundPolicy::Warn`].
pub type UnboundFn = Arc<dyn Fn(&str, &str) + Send + Sync>;

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
