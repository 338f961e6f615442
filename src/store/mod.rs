//! The record store: a table of secret records keyed by (name, version).
//!
//! Two implementations: DynamoDB (`dynamo::DynamoStore`, with the `aws` feature) and SQLite
//! ([`sqlite::SqliteStore`]) for the embedded backend.

#[cfg(test)]
mod conformance;
#[cfg(feature = "aws")]
pub(crate) mod dynamo;
pub(crate) mod sqlite;

use crate::model::context::EncryptionContext;
use crate::model::record::{Record, RecordError, Summary, VersionKey};
use crate::model::wrap::KeyWrap;

/// Options of `setup`.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SetupOptions {
    /// Provisioned (read, write) capacity; on-demand when None.
    pub provisioned: Option<(i64, i64)>,
    /// Tags to put on the table.
    pub tags: Vec<(String, String)>,
    /// Create the table without point-in-time recovery (DynamoDB; on by default).
    pub no_point_in_time_recovery: bool,
    /// Create the table without deletion protection (DynamoDB; on by default).
    pub no_deletion_protection: bool,
}

/// What `setup` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetupOutcome {
    /// The table was created.
    Created,
    /// The table already existed; nothing changed.
    AlreadyExists,
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A record with this name and version already exists (conditional write failed).
    #[error("version {version} of {name:?} already exists")]
    Conflict {
        /// The name.
        name: String,
        /// The version.
        version: String,
    },
    /// The table does not exist.
    #[error("table {0:?} does not exist; create it with `credstore setup`")]
    NoTable(String),
    /// The DynamoDB table does not exist in the region asked: often the wrong region,
    /// so the message names it before suggesting `setup`.
    #[error(
        "table {table:?} does not exist in region {region}; check the region (-r, AWS_REGION, the profile) and the table name (-t), or create it there with `credstore setup`"
    )]
    NoTableIn {
        /// The table.
        table: String,
        /// The region that was asked.
        region: String,
    },
    /// Access to the table was denied.
    #[error("access denied to the table: {0}")]
    AccessDenied(String),
    /// A stored item is not a valid record.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// Any other failure (network, throttling after retries, I/O).
    #[error("the store failed: {0}")]
    Other(String),
    /// DynamoDB failed on the way or in the service (not a refusal), with why.
    #[error("the store failed: {message}")]
    Service {
        /// Throttling, timeout, unreachable...
        cause: crate::cause::Cause,
        /// One line describing it.
        message: String,
        /// The SDK's error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl StoreError {
    /// Why the service failed, when it failed rather than refused.
    pub fn cause(&self) -> Option<crate::cause::Cause> {
        match self {
            StoreError::Service { cause, .. } => Some(*cause),
            _ => None,
        }
    }
}

/// One scanned item: a record, or the reason it could not be decoded.
pub(crate) type ScannedItem = Result<Record, RecordError>;

/// The table of records. Implementations must keep DynamoDB's semantics: versions
/// ordered by byte order of the version string, writes that never overwrite.
#[async_trait::async_trait]
pub trait SecretStore: Send + Sync {
    /// Creates the table if missing and waits until it is usable.
    async fn create_table(&self, options: &SetupOptions) -> Result<SetupOutcome, StoreError>;

    /// Writes a new record; fails with [`StoreError::Conflict`] if (name, version) exists.
    async fn put_new(&self, record: &Record) -> Result<(), StoreError>;

    /// The record of `name` with the greatest version string (byte order), strongly consistent.
    async fn latest(&self, name: &str) -> Result<Option<Record>, StoreError>;

    /// The record of `name` at exactly `version`.
    async fn get_version(&self, name: &str, version: &str) -> Result<Option<Record>, StoreError>;

    /// All version strings of `name`, ascending byte order.
    async fn versions(&self, name: &str) -> Result<Vec<String>, StoreError>;

    /// Every item of the table, in no particular order.
    async fn scan(&self) -> Result<Vec<ScannedItem>, StoreError>;

    /// Replaces the wrapped data key and the stored context of (name, version), keeping
    /// every other attribute, if and only if its `key` still holds `old_key`: a
    /// concurrent change (or a deleted item) is [`StoreError::Conflict`], never
    /// overwritten. Used by bind and rekey, which move a data key without its plaintext.
    /// `new_wraps`, when not empty, replaces the replica wraps (stores without regions
    /// ignore it); empty leaves them as they are.
    async fn replace_wrap(
        &self,
        name: &str,
        version: &str,
        old_key: &[u8],
        new_key: &[u8],
        new_context: &EncryptionContext,
        new_wraps: &[KeyWrap],
    ) -> Result<(), StoreError>;

    /// Deletes one (name, version); Ok(false) when it did not exist.
    async fn delete(&self, name: &str, version: &str) -> Result<bool, StoreError>;

    /// Hands every item's [`Summary`] to `sink`, in no particular order, as the items
    /// are read (a listing keeps them compactly; no table-sized vector of summaries is
    /// made); with `detailed`, with its stored context and the regions of its wraps. The
    /// default decodes a full [`SecretStore::scan`] (always detailed); stores override it
    /// to read only those attributes.
    async fn each_summary(
        &self,
        detailed: bool,
        sink: &mut (dyn FnMut(Result<Summary, RecordError>) + Send),
    ) -> Result<(), StoreError> {
        let _ = detailed;
        for item in self.scan().await? {
            sink(item.map(|r| Summary::from(&r)));
        }
        Ok(())
    }

    /// [`SecretStore::scan_keys`] page by page as the pages are read, each tagged with
    /// the part of the table (scan segment) it comes from and whether that part has more
    /// pages, so that a selection can start fetching while the scan goes on. Within one
    /// part the versions of a name come one after another (a page may end among them;
    /// the part's next page goes on): readers may rely on it to start early, and must
    /// check the whole scan at the end. An item may be handed over twice (in another
    /// part). The default hands [`SecretStore::scan_keys`] over as one page.
    async fn each_key_page(
        &self,
        prefixes: &[String],
        sink: &mut (dyn FnMut(usize, bool, Vec<Result<VersionKey, RecordError>>) + Send),
    ) -> Result<(), StoreError> {
        sink(0, false, self.scan_keys(prefixes).await?);
        Ok(())
    }

    /// The [`VersionKey`] of every item whose name starts with one of `prefixes` (every
    /// item when `prefixes` is empty), in no particular order: a selection's first step,
    /// which reads no key or value material. Stores filter on their side; the default
    /// filters a full [`SecretStore::scan`].
    async fn scan_keys(
        &self,
        prefixes: &[String],
    ) -> Result<Vec<Result<VersionKey, RecordError>>, StoreError> {
        let selected = |name: &str| {
            prefixes.is_empty() || prefixes.iter().any(|p| name.starts_with(p.as_str()))
        };
        Ok(self
            .scan()
            .await?
            .into_iter()
            .filter(|item| match item {
                Ok(r) => selected(&r.name),
                Err(e) => selected(e.item_name()),
            })
            .map(|item| {
                item.map(|r| VersionKey {
                    bound: r
                        .context
                        .as_ref()
                        .is_some_and(crate::model::context::EncryptionContext::is_bound),
                    name: r.name,
                    version: r.version,
                })
            })
            .collect())
    }

    /// The records at these (name, version) keys, strongly consistent, in no particular
    /// order; keys with no item are left out. The default reads them one by one; stores
    /// override it with batched reads.
    async fn get_records(&self, keys: &[(String, String)]) -> Result<Vec<ScannedItem>, StoreError> {
        let mut out = Vec::new();
        for (name, version) in keys {
            match self.get_version(name, version).await {
                Ok(Some(record)) => out.push(Ok(record)),
                Ok(None) => {}
                Err(StoreError::Record(e)) => out.push(Err(e)),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The [`VersionKey`] of every version of `name` (whether each is bound to its
    /// name), in no particular order: what a write checks before adding a version. The
    /// default reads [`SecretStore::records_of`]; stores override it to read only keys.
    async fn version_keys(&self, name: &str) -> Result<Vec<VersionKey>, StoreError> {
        Ok(self
            .records_of(name)
            .await?
            .into_iter()
            .map(|r| VersionKey {
                bound: r
                    .context
                    .as_ref()
                    .is_some_and(crate::model::context::EncryptionContext::is_bound),
                name: r.name,
                version: r.version,
            })
            .collect())
    }

    /// Every record of `name`, ascending version order. The default reads
    /// [`SecretStore::versions`] then each version; stores override it with one query.
    async fn records_of(&self, name: &str) -> Result<Vec<Record>, StoreError> {
        let mut out = Vec::new();
        for version in self.versions(name).await? {
            if let Some(record) = self.get_version(name, &version).await? {
                out.push(record);
            }
        }
        Ok(out)
    }
}
