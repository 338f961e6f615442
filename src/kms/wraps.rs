//! A data key wrapped under one or more KMS keys (a home wrap and one per replica
//! region), and the one place that makes and opens such wraps: across regions, failing
//! over on outages only, behind a per-region circuit breaker.
//!
//! Secrets (the `wraps` attribute, FORMAT.md "Replica wraps") and envelopes share it.

use super::{KeyError, KeyService};
use crate::crypto::DataKey;
use crate::model::context::EncryptionContext;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a region that failed with an outage is tried last.
pub(crate) const BREAKER_OPEN_FOR: Duration = Duration::from_secs(30);

pub(crate) use crate::model::wrap::KeyWrap;
use crate::model::wrap::is_region_name;

/// True when `key` is a multi-Region key (`mrk-` key id, bare or in an ARN).
pub(crate) fn is_multi_region_key(key: &str) -> bool {
    key.starts_with("mrk-") || key.contains(":key/mrk-")
}

/// The same key or alias ARN in another region (`arn:PARTITION:kms:REGION:...`);
/// None for what is not an ARN.
pub(crate) fn arn_in_region(arn: &str, region: &str) -> Option<String> {
    let mut parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" || parts[2] != "kms" {
        return None;
    }
    parts[3] = region;
    Some(parts.join(":"))
}

/// The key service of each region, made on first use.
pub(crate) type RegionalFactory = Arc<dyn Fn(&str) -> Arc<dyn KeyService> + Send + Sync>;

/// The key services of several regions, with a circuit breaker per region.
pub struct Regions {
    home: String,
    factory: RegionalFactory,
    services: Mutex<HashMap<String, Arc<dyn KeyService>>>,
    open_until: Mutex<HashMap<String, Instant>>,
    /// Multi-Region replica ARNs already found to exist (asked once per process).
    replicas_seen: Mutex<HashMap<String, String>>,
}

impl fmt::Debug for Regions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Regions")
            .field("home", &self.home)
            .finish_non_exhaustive()
    }
}

/// Why making replica wraps failed: the region, and the key service's error.
#[derive(Debug)]
pub struct WrapError {
    /// The region whose key service failed.
    pub region: String,
    /// What it said.
    pub error: KeyError,
}

impl Regions {
    /// Key services of every region: `home` (the reader's and writer's own region) is
    /// served by `home_service`, the others by `factory`.
    pub fn new(home: &str, home_service: Arc<dyn KeyService>, factory: RegionalFactory) -> Self {
        let services = HashMap::from([(home.to_string(), home_service)]);
        Regions {
            home: home.to_string(),
            factory,
            services: Mutex::new(services),
            open_until: Mutex::new(HashMap::new()),
            replicas_seen: Mutex::new(HashMap::new()),
        }
    }

    /// The region of this client's own key service.
    pub fn home(&self) -> &str {
        &self.home
    }

    /// The key service of `region` ("" is the home region). A region becomes the host of
    /// the KMS endpoint, so a name that is not an AWS region name is refused here, where
    /// the client for it is built, whatever checked it before (records, envelope headers
    /// and arguments are each checked where they are read).
    pub fn service(&self, region: &str) -> Result<Arc<dyn KeyService>, KeyError> {
        let region = if region.is_empty() {
            &self.home
        } else {
            region
        };
        if !is_region_name(region) {
            return Err(KeyError::refused(format!(
                "\"{}\" is not an AWS region name; no KMS request is sent there",
                crate::printable::escape(region)
            )));
        }
        let mut services = self.services.lock().unwrap_or_else(|e| e.into_inner());
        Ok(services
            .entry(region.to_string())
            .or_insert_with(|| (self.factory)(region))
            .clone())
    }

    fn is_open(&self, region: &str) -> bool {
        let open = self.open_until.lock().unwrap_or_else(|e| e.into_inner());
        open.get(region)
            .is_some_and(|until| Instant::now() < *until)
    }

    fn trip(&self, region: &str) {
        let mut open = self.open_until.lock().unwrap_or_else(|e| e.into_inner());
        open.insert(region.to_string(), Instant::now() + BREAKER_OPEN_FOR);
    }

    fn close(&self, region: &str) {
        let mut open = self.open_until.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(region);
    }

    /// Wraps `plaintext` (generated under `key_id` in the home region, whose ARN KMS
    /// reported as `home_key`) for each of `replicas`: a multi-Region key needs no new
    /// blob (its replica's ARN is recorded), any other key is wrapped again with KMS
    /// `Encrypt` under the same alias in that region. Every wrap uses `context`.
    pub async fn wrap_replicas(
        &self,
        key_id: &str,
        home_key: &str,
        plaintext: &DataKey,
        context: &EncryptionContext,
        replicas: &[String],
    ) -> Result<Vec<KeyWrap>, WrapError> {
        let mut wraps = Vec::with_capacity(replicas.len());
        for region in replicas.iter().filter(|r| **r != self.home) {
            let fail = |error| WrapError {
                region: region.clone(),
                error,
            };
            if is_multi_region_key(home_key) {
                let Some(arn) = arn_in_region(home_key, region) else {
                    return Err(fail(KeyError::refused(format!(
                        "KMS named the multi-Region key {home_key:?}, not an ARN"
                    ))));
                };
                // The replica must exist there, or reads would fail over to nothing
                // (asked once per process: putall of many secrets asks once).
                let seen = self
                    .replicas_seen
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(&arn)
                    .cloned();
                let known = match seen {
                    Some(known) => known,
                    None => {
                        let known = self
                            .service(region)
                            .map_err(fail)?
                            .key_arn(&arn)
                            .await
                            .map_err(fail)?;
                        self.replicas_seen
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(arn.clone(), known.clone());
                        known
                    }
                };
                wraps.push(KeyWrap {
                    region: region.clone(),
                    key: known,
                    blob: Vec::new(),
                });
                continue;
            }
            let replica_key = replica_key_id(key_id, region).map_err(fail)?;
            let service = self.service(region).map_err(fail)?;
            let wrapped = service
                .encrypt_data_key(&replica_key, plaintext, context)
                .await
                .map_err(fail)?;
            wraps.push(KeyWrap {
                region: region.clone(),
                key: wrapped.key.unwrap_or_default(),
                blob: wrapped.blob,
            });
        }
        Ok(wraps)
    }

    /// The wraps of a data key re-encrypted (KMS `ReEncrypt`, no plaintext) from
    /// `from` to `to_key` and `to_context`, region by region; the home region's entry
    /// takes `home_key`, the key now wrapping the home blob. A multi-Region replica entry
    /// (no blob of its own) follows the home blob, so the new home key must be a
    /// multi-Region key too. With `same_key` (bind: the context changes, the key does
    /// not), a replica wrap that KMS reports under another key than its target is refused
    /// before anything is stored, as the home wrap is: bind never moves a data key that
    /// someone wrapped under a key of their own.
    pub async fn rewrap_replicas(
        &self,
        wraps: &[KeyWrap],
        from: &EncryptionContext,
        to_key: &str,
        to_context: &EncryptionContext,
        home_key: &str,
        same_key: bool,
    ) -> Result<Vec<KeyWrap>, WrapError> {
        let mut out = Vec::with_capacity(wraps.len());
        for wrap in wraps {
            let fail = |error| WrapError {
                region: wrap.region.clone(),
                error,
            };
            let home = wrap.region.is_empty() || wrap.region == self.home;
            if home {
                out.push(KeyWrap {
                    region: wrap.region.clone(),
                    key: home_key.to_string(),
                    blob: Vec::new(),
                });
            } else if wrap.blob.is_empty() {
                let arn = is_multi_region_key(home_key)
                    .then(|| arn_in_region(home_key, &wrap.region))
                    .flatten()
                    .ok_or_else(|| {
                        fail(KeyError::refused(format!(
                            "this version's {} wrap is a multi-Region key replica; the new key                              {home_key} is not a multi-Region key, so it cannot follow",
                            wrap.region
                        )))
                    })?;
                out.push(KeyWrap {
                    region: wrap.region.clone(),
                    key: arn,
                    blob: Vec::new(),
                });
            } else {
                let replica_key = replica_key_id(to_key, &wrap.region).map_err(fail)?;
                let rewrapped = self
                    .service(&wrap.region)
                    .map_err(fail)?
                    .re_encrypt(&wrap.blob, from, &replica_key, to_context)
                    .await
                    .map_err(fail)?;
                if let (true, Some(source), Some(key)) =
                    (same_key, &rewrapped.source_key, &rewrapped.key)
                {
                    if source != key {
                        return Err(fail(KeyError::WrongKey {
                            expected: vec![key.clone()],
                            actual: source.clone(),
                        }));
                    }
                }
                out.push(KeyWrap {
                    region: wrap.region.clone(),
                    key: rewrapped.key.unwrap_or_default(),
                    blob: rewrapped.wrapped,
                });
            }
        }
        Ok(out)
    }

    /// Unwraps a data key from the first wrap that answers: the wraps of the home region
    /// first, then the others by region name; regions whose breaker is open come last.
    /// Only an outage (unreachable, timeout, 5xx, throttling after the retry budget)
    /// moves on to the next region: a refusal (wrong context, tampered blob, access
    /// denied, disabled key) is final, so a key disabled in one region is not bypassed
    /// through another. An empty blob stands for `home_blob`.
    pub async fn unwrap(
        &self,
        wraps: &[KeyWrap],
        home_blob: &[u8],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError> {
        let mut order: Vec<&KeyWrap> = wraps.iter().collect();
        order.sort_by_key(|w| {
            let home = w.region.is_empty() || w.region == self.home;
            (self.is_open(&w.region), !home, w.region.clone())
        });
        let mut first_outage = None;
        for wrap in order {
            let blob = if wrap.blob.is_empty() {
                home_blob
            } else {
                &wrap.blob
            };
            let key = (!wrap.key.is_empty()).then_some(wrap.key.as_str());
            let service = self.service(&wrap.region)?;
            match service.decrypt_data_key_under(blob, context, key).await {
                Ok(plaintext) => {
                    self.close(&wrap.region);
                    return Ok(plaintext);
                }
                Err(e) if e.cause().is_some_and(|c| c.is_transient()) => {
                    tracing::debug!(
                        region = wrap.region.as_str(),
                        cause = ?e.cause(),
                        "KMS outage: region skipped for 30 s, trying the next wrap"
                    );
                    self.trip(&wrap.region);
                    let region = if wrap.region.is_empty() {
                        self.home.clone()
                    } else {
                        wrap.region.clone()
                    };
                    first_outage.get_or_insert((region, e));
                }
                Err(e) => return Err(e),
            }
        }
        match first_outage {
            Some((
                region,
                KeyError::Service {
                    cause,
                    message,
                    source,
                },
            )) if wraps.len() > 1 => Err(KeyError::Service {
                cause,
                message: format!(
                    "{message} (KMS in {region}; no other region's wrap answered either)"
                ),
                source,
            }),
            Some((_, e)) => Err(e),
            None => Err(KeyError::Unavailable("no wrapped data key to open".into())),
        }
    }
}

/// The key id to wrap under in `region` for a writer's `key_id`: an alias (bare or as an
/// ARN, moved to `region`) names "the same key" everywhere; a key id or key ARN names
/// one region's key, so replicas need an alias or a multi-Region key.
pub(crate) fn replica_key_id(key_id: &str, region: &str) -> Result<String, KeyError> {
    if key_id.starts_with("alias/") {
        return Ok(key_id.to_string());
    }
    if key_id.starts_with("arn:") && key_id.contains(":alias/") {
        if let Some(arn) = arn_in_region(key_id, region) {
            return Ok(arn);
        }
    }
    if is_multi_region_key(key_id) {
        return Ok(match arn_in_region(key_id, region) {
            Some(arn) => arn,
            None => key_id.to_string(),
        });
    }
    Err(KeyError::refused(format!(
        "key {key_id:?} names one region's key; replica wraps need a key alias (the same alias \
         in every replica region) or a multi-Region key (mrk-...)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cause::Cause;
    use crate::kms::{GeneratedKey, Rewrapped, Wrapped};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A key service that answers Decrypt with a fixed outcome and counts calls.
    struct Fake {
        outcome: fn() -> Result<DataKey, KeyError>,
        calls: AtomicUsize,
    }

    #[async_trait::async_trait]
    impl KeyService for Fake {
        async fn generate_data_key(
            &self,
            _: &str,
            _: &EncryptionContext,
        ) -> Result<GeneratedKey, KeyError> {
            Err(KeyError::Unavailable("unused".into()))
        }
        async fn decrypt_data_key(
            &self,
            _: &[u8],
            _: &EncryptionContext,
        ) -> Result<DataKey, KeyError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            (self.outcome)()
        }
        async fn re_encrypt(
            &self,
            _: &[u8],
            _: &EncryptionContext,
            _: &str,
            _: &EncryptionContext,
        ) -> Result<Rewrapped, KeyError> {
            Err(KeyError::Unavailable("unused".into()))
        }
        async fn encrypt_data_key(
            &self,
            _: &str,
            _: &DataKey,
            _: &EncryptionContext,
        ) -> Result<Wrapped, KeyError> {
            Err(KeyError::Unavailable("unused".into()))
        }
    }

    fn outage() -> Result<DataKey, KeyError> {
        Err(KeyError::Service {
            cause: Cause::ServerError,
            message: "KMS answered 500".into(),
            source: None,
        })
    }
    fn refused() -> Result<DataKey, KeyError> {
        Err(KeyError::refused("KMS AccessDeniedException"))
    }
    fn fine() -> Result<DataKey, KeyError> {
        DataKey::from_slice(&[7u8; 64]).map_err(|e| KeyError::Unavailable(e.to_string()))
    }

    fn fake(outcome: fn() -> Result<DataKey, KeyError>) -> Arc<Fake> {
        Arc::new(Fake {
            outcome,
            calls: AtomicUsize::new(0),
        })
    }

    fn regions(home: Arc<Fake>, other: Arc<Fake>) -> Regions {
        let other: Arc<dyn KeyService> = other;
        Regions::new("eu-west-1", home, Arc::new(move |_| other.clone()))
    }

    fn wraps() -> Vec<KeyWrap> {
        ["us-east-1", "eu-west-1"]
            .iter()
            .map(|r| KeyWrap {
                region: r.to_string(),
                key: String::new(),
                blob: vec![1],
            })
            .collect()
    }

    #[tokio::test]
    async fn home_region_first_then_failover_on_outage_and_the_breaker_remembers() {
        let (home, other) = (fake(outage), fake(fine));
        let regions = regions(home.clone(), other.clone());
        let ctx = EncryptionContext::default();
        assert!(regions.unwrap(&wraps(), &[], &ctx).await.is_ok());
        assert_eq!(home.calls.load(Ordering::SeqCst), 1, "home tried first");
        assert_eq!(other.calls.load(Ordering::SeqCst), 1);
        // The home region's breaker is open: the next read goes to the replica first.
        assert!(regions.unwrap(&wraps(), &[], &ctx).await.is_ok());
        assert_eq!(home.calls.load(Ordering::SeqCst), 1, "open breaker skipped");
        assert_eq!(other.calls.load(Ordering::SeqCst), 2);
    }

    /// The last line of defence: whatever slipped past the parsers, no key service (and
    /// so no SDK client) is made for a region that is not a region name.
    #[tokio::test]
    async fn no_key_service_for_a_region_that_is_not_a_region_name() {
        let made = Arc::new(AtomicUsize::new(0));
        let counter = made.clone();
        let other: Arc<dyn KeyService> = fake(fine);
        let regions = Regions::new(
            "eu-west-1",
            fake(fine),
            Arc::new(move |_| {
                counter.fetch_add(1, Ordering::SeqCst);
                other.clone()
            }),
        );
        let mut bad = wraps();
        bad[1].region = "x@127.0.0.1:9/".into();
        bad[0].region = "evil.example/".into();
        let err = regions
            .unwrap(&bad, &[], &EncryptionContext::default())
            .await
            .err();
        assert!(
            matches!(err, Some(KeyError::Refused(m)) if m.message.contains("not an AWS region name"))
        );
        assert!(regions.service("us-east-1").is_ok());
        assert_eq!(made.load(Ordering::SeqCst), 1, "only the real region");
    }

    #[tokio::test]
    async fn a_refusal_is_final() {
        let (home, other) = (fake(refused), fake(fine));
        let regions = regions(home.clone(), other.clone());
        let err = regions
            .unwrap(&wraps(), &[], &EncryptionContext::default())
            .await
            .err();
        assert!(matches!(err, Some(KeyError::Refused(_))));
        assert_eq!(
            other.calls.load(Ordering::SeqCst),
            0,
            "no failover on refusal"
        );
    }

    #[tokio::test]
    async fn every_region_down_names_the_outage() {
        let regions = regions(fake(outage), fake(outage));
        let err = regions
            .unwrap(&wraps(), &[], &EncryptionContext::default())
            .await
            .err();
        match err {
            Some(KeyError::Service { message, .. }) => {
                assert!(message.contains("eu-west-1"), "{message}");
                assert!(message.contains("no other region"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn replica_key_ids() {
        assert_eq!(
            replica_key_id("alias/credstash", "eu-west-1")
                .ok()
                .as_deref(),
            Some("alias/credstash")
        );
        assert_eq!(
            replica_key_id("arn:aws:kms:us-east-1:111122223333:alias/x", "eu-west-1")
                .ok()
                .as_deref(),
            Some("arn:aws:kms:eu-west-1:111122223333:alias/x")
        );
        assert!(
            replica_key_id(
                "arn:aws:kms:us-east-1:111122223333:key/0b6d0a5e-1111-2222-3333-444455556666",
                "eu-west-1"
            )
            .is_err()
        );
        assert!(replica_key_id("0b6d0a5e-1111-2222-3333-444455556666", "eu-west-1").is_err());
        assert_eq!(
            replica_key_id("mrk-1234abcd", "eu-west-1").ok().as_deref(),
            Some("mrk-1234abcd")
        );
        assert_eq!(arn_in_region("alias/x", "eu-west-1"), None);
    }

    #[test]
    fn debug_hides_the_blob() {
        let wrap = KeyWrap {
            region: "r".into(),
            key: "k".into(),
            blob: vec![0xAB; 3],
        };
        let text = format!("{wrap:?}");
        assert!(
            text.contains("blob_len: 3") && !text.contains("171"),
            "{text}"
        );
    }
}
