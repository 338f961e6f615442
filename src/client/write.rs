//! Writing: sealing a value under a fresh data key, autoversion with retries on lost
//! races, a retried write that already landed, and `putall`'s input.

use super::Client;
use super::read::key_error;
use crate::crypto::{self, Digest};
use crate::error::{Error, Result};
use crate::model::context::EncryptionContext;
use crate::model::metadata::Metadata;
use crate::model::record::{Record, VersionKey};
use crate::model::secret::SecretBytes;
use crate::model::{name, version};
use crate::store::StoreError;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// DynamoDB's item size limit; secrets that cannot fit are refused before any KMS call.
pub(crate) const MAX_ITEM_BYTES: usize = 400 * 1024;

/// Room kept for the attributes other than `contents` (key blob, hmac, context...).
const ITEM_OVERHEAD_BYTES: usize = 4096;

/// How long an autoversion put keeps retrying after losing races for a version: a time
/// budget, not an attempt count, so that writers slowed down by a busy host or service still
/// get the same chance to win (each retry re-reads the versions and takes the next one).
/// Two minutes: 50 concurrent writers of one name on a loaded 2-core machine needed more
/// than 30 s for the last one to land (the attempt budget it replaces allowed ~64 s).
const AUTOVERSION_BUDGET: Duration = Duration::from_secs(120);

/// Backoff after a lost race: a random wait up to this, doubling per attempt...
const AUTOVERSION_BACKOFF_BASE: Duration = Duration::from_millis(10);

/// ...up to this cap, so 50 writers of one name spread out instead of colliding again.
const AUTOVERSION_BACKOFF_CAP: Duration = Duration::from_secs(1);

/// What to write with [`Client::put`].
#[derive(Debug)]
#[non_exhaustive]
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
    /// Key id for this write; None uses [`super::Settings::key_id`].
    pub key_id: Option<String>,
    /// Who writes, expiry, tags: stored in clear, not authenticated (FORMAT.md "Metadata").
    pub meta: Metadata,
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
            meta: Metadata::default(),
        }
    }
}

impl Client {
    /// Seals and writes a secret; returns the version written. Without an explicit
    /// version, writes one more than the highest integer version and retries when a
    /// concurrent writer took that version first.
    pub async fn put(&self, request: &PutRequest) -> Result<String> {
        self.put_inner(request)
            .await
            .map_err(|e| e.about(&request.name))
    }

    async fn put_inner(&self, request: &PutRequest) -> Result<String> {
        validate_request(request)?;
        match &request.version {
            Some(v) => {
                // A version written by hand must be an integer: a text version sorts
                // among the padded ones and would stop every autoversion put of the name.
                let padded = version::pad(v)
                    .and_then(|p| {
                        version::numeric(&p)
                            .map(|_| p)
                            .ok_or(version::VersionError::NotInteger)
                    })
                    .map_err(|source| Error::Version {
                        name: request.name.clone(),
                        version: v.clone(),
                        source,
                    })?;
                let existing = self.existing_keys(&request.name).await?;
                check_legacy(request, &padded, &existing)?;
                self.put_version(request, &padded, None).await?;
                self.report_first_bound(request, &existing);
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
                    let existing = self.existing_keys(&request.name).await?;
                    let next = version::next_after(existing.iter().map(|k| k.version.as_str()));
                    if let Some(above) = existing
                        .iter()
                        .map(|k| &k.version)
                        .filter(|v| **v > next)
                        .max()
                    {
                        return Err(Error::NotLatest {
                            name: request.name.clone(),
                            version: next,
                            above: above.clone(),
                        });
                    }
                    check_legacy(request, &next, &existing)?;
                    match self.put_version(request, &next, None).await {
                        Ok(()) => {
                            self.report_first_bound(request, &existing);
                            return Ok(next);
                        }
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

    /// The versions a write lands among; a missing table reads as "no versions" (the
    /// write then reports it, on DynamoDB, or creates it, in the embedded store).
    async fn existing_keys(&self, name: &str) -> Result<Vec<VersionKey>> {
        match self.store.version_keys(name).await {
            Err(StoreError::NoTable(_) | StoreError::NoTableIn { .. }) => Ok(Vec::new()),
            other => Ok(other?),
        }
    }

    /// Tells the binding observer when this write made the first bound version of a
    /// name whose versions were all unbound: plain credstash stops reading the name.
    fn report_first_bound(&self, request: &PutRequest, existing: &[VersionKey]) {
        if request.legacy || existing.is_empty() || existing.iter().any(|k| k.bound) {
            return;
        }
        if let Some(observer) = &self.on_first_bound {
            observer(&request.name);
        }
    }

    /// Writes `request` at `version`. `created_at` is Some for a copy: the version keeps
    /// its creation time and metadata; otherwise the writer is stamped as `created_by`.
    pub(super) async fn put_version(
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
        let (plaintext, wrapped_key, wraps) = self
            .generate_wrapped(key_id, &context)
            .await
            .map_err(|e| match e {
                Error::Key(e) => key_error(e, &request.name, version),
                other => other,
            })?;
        // A copy keeps the version's metadata as it was (no writer added after the fact).
        let meta = if created_at.is_some() {
            request.meta.clone()
        } else {
            self.stamped(&request.meta).await
        };
        let sealed = crypto::seal(&plaintext, request.digest, request.value.expose());
        drop(plaintext);
        let record = Record {
            name: request.name.clone(),
            version: version.to_string(),
            wrapped_key,
            ciphertext: sealed.ciphertext,
            hmac_hex: sealed.hmac_hex,
            digest: request.digest,
            comment: request.comment.clone().filter(|c| !c.is_empty()),
            context: (!context.is_empty()).then_some(context),
            created_at: created_at.or_else(|| Some(self.now())),
            wraps,
            meta,
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
}

/// Checks what a put may check before any call: the name, the size, the comment.
pub(super) fn validate_request(request: &PutRequest) -> Result<()> {
    name::validate(&request.name).map_err(|source| Error::Name {
        name: request.name.clone(),
        source,
    })?;
    check_size(&request.name, request.value.len())?;
    check_comment(&request.name, request.comment.as_deref())
}

/// A comment is shown on terminals: printable characters only.
pub(super) fn check_comment(name: &str, comment: Option<&str>) -> Result<()> {
    if let Some(c) = comment.and_then(crate::printable::first_unsafe) {
        return Err(Error::InvalidInput(format!(
            "secret {name:?}: the comment contains the invisible or control character U+{:04X}; \
             use printable characters only",
            u32::from(c)
        )));
    }
    Ok(())
}

/// Refuses an unbound (`legacy`) write after a bound version of the name: reads would
/// refuse it as a possible downgrade, so it would be written for nothing.
fn check_legacy(request: &PutRequest, version: &str, existing: &[VersionKey]) -> Result<()> {
    if !request.legacy {
        return Ok(());
    }
    match existing
        .iter()
        .filter(|k| k.bound && k.version.as_str() < version)
        .map(|k| k.version.as_str())
        .max()
    {
        None => Ok(()),
        Some(bound) => Err(Error::InvalidInput(format!(
            "secret {:?}: version {bound} is bound to its name, so reads would refuse an \
             unbound (--legacy) version after it as a possible downgrade; write it without \
             --legacy (and CREDSTORE_LEGACY unset): credstash reads it with the context \
             credstore:name={} credstore:version=VERSION",
            request.name, request.name
        ))),
    }
}

/// True when two records carry the same sealed material (so they are one write).
fn same_material(a: &Record, b: &Record) -> bool {
    a.wrapped_key == b.wrapped_key && a.ciphertext == b.ciphertext && a.hmac_hex == b.hmac_hex
}

/// Full-jitter exponential backoff for the `attempt`-th retry (1-based).
pub(super) fn backoff(attempt: u32) -> Duration {
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

pub(super) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

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
