//! AWS KMS as a key service: `GenerateDataKey` (64 bytes) and `Decrypt` under an
//! encryption context, exactly as credstash's `KeyService` calls them, and `ReEncrypt`
//! to move a data key to another key or context without its plaintext.

use super::limiter::{KmsLimiter, Outcome};
use super::{
    GeneratedBytes, GeneratedKey, KeyError, KeyService, Refusal, RefusalKind, Rewrapped, Wrapped,
};
use crate::cause::Cause;
use crate::crypto::{DATA_KEY_LEN, DataKey};
use crate::model::context::EncryptionContext;
use aws_sdk_kms::config::http::HttpResponse;
use aws_sdk_kms::config::interceptors::InterceptorContext;
use aws_sdk_kms::config::retry::{ClassifyRetry, RetryAction};
use aws_sdk_kms::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_kms::primitives::Blob;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::OnceCell;
use zeroize::Zeroizing;

/// A key service backed by AWS KMS.
#[derive(Clone, Debug)]
pub(crate) struct AwsKms {
    client: aws_sdk_kms::Client,
    /// Keys a data key may be wrapped under on Decrypt; empty accepts any.
    pinned: Vec<String>,
    /// The key ARNs of `pinned`, aliases resolved once (DescribeKey) on first use.
    pinned_arns: Arc<OnceCell<Vec<String>>>,
    /// The shared pace of every KMS request of this client.
    limiter: KmsLimiter,
    /// Throttled attempts per call that count (see [`KmsLimiter::run`]).
    attempts: u32,
    /// How errors name the service: `KMS`, or `KMS in REGION` when regions matter.
    label: String,
}

impl AwsKms {
    /// Wraps a configured KMS client.
    pub(crate) fn new(client: aws_sdk_kms::Client) -> Self {
        AwsKms {
            client,
            pinned: Vec::new(),
            pinned_arns: Arc::new(OnceCell::new()),
            limiter: KmsLimiter::new(super::DEFAULT_CONCURRENCY),
            attempts: 5,
            label: "KMS".to_string(),
        }
    }

    /// Names `region` in this service's errors (`KMS in eu-west-1`).
    pub(crate) fn in_region(mut self, region: &str) -> Self {
        self.label = format!("KMS in {region}");
        self
    }

    /// Sends every KMS request through `limiter` (shared with the clones of this key
    /// service), retrying throttled requests at its pace; a call fails on throttling
    /// after `attempts` throttled attempts during which nothing else got through. Pair it
    /// with [`ThrottlingIsNotRetried`] on the SDK client, so that the SDK does not back
    /// off on throttling by itself.
    pub(crate) fn with_limiter(mut self, limiter: KmsLimiter, attempts: u32) -> Self {
        self.limiter = limiter;
        self.attempts = attempts.max(1);
        self
    }

    /// Sends one KMS request (built anew by `send` for each attempt) under the limiter.
    async fn limited<T, E, F, Fut>(&self, send: F) -> Result<T, SdkError<E, HttpResponse>>
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    {
        self.limiter
            .run(self.attempts, send, |answer| match answer {
                Err(e) if crate::sdk_error::cause(e) == Cause::Throttled => Outcome::Throttled,
                _ => Outcome::Answered,
            })
            .await
    }

    /// Accepts on Decrypt only data keys wrapped under one of `keys` (key ids, key ARNs,
    /// alias names or alias ARNs). Without it, Decrypt takes whatever key the ciphertext
    /// names, so a table writer could wrap under a key of their own.
    pub(crate) fn with_pinned_keys(mut self, keys: Vec<String>) -> Self {
        self.pinned = keys;
        self.pinned_arns = Arc::new(OnceCell::new());
        self
    }

    /// The key ARNs of the pinned keys; aliases are resolved with DescribeKey.
    async fn pinned_arns(&self) -> Result<&[String], KeyError> {
        let arns = self
            .pinned_arns
            .get_or_try_init(|| async {
                let mut arns = Vec::with_capacity(self.pinned.len());
                for key in &self.pinned {
                    if is_key_arn(key) {
                        arns.push(key.clone());
                        continue;
                    }
                    let out = self
                        .limited(|| self.client.describe_key().key_id(key).send())
                        .await
                        .map_err(|e| match classify(&self.label, e) {
                            KeyError::Refused(r) => KeyError::Refused(r.map_message(|m| {
                                format!(
                                    "cannot resolve the expected key {key} (kms:DescribeKey): {m}; \
                                     pin by key ARN to avoid the lookup"
                                )
                            })),
                            other => other,
                        })?;
                    match out.key_metadata().and_then(|m| m.arn()) {
                        Some(arn) => arns.push(arn.to_string()),
                        None => {
                            return Err(KeyError::Unavailable(format!(
                                "KMS DescribeKey of {key} returned no key ARN"
                            )));
                        }
                    }
                }
                Ok(arns)
            })
            .await?;
        Ok(arns)
    }

    /// KMS GenerateDataKey of `len` bytes under `key_id` and `context`: the plaintext,
    /// the wrapped key, and the key ARN KMS reports.
    async fn generate(
        &self,
        key_id: &str,
        context: &EncryptionContext,
        len: usize,
    ) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>, Option<String>), KeyError> {
        let bytes = i32::try_from(len)
            .ok()
            .filter(|n| (1..=1024).contains(n))
            .ok_or_else(|| {
                KeyError::refused(format!("KMS generates 1 to 1024 bytes, not {len}"))
            })?;
        let context = context_map(context);
        let out = self
            .limited(|| {
                self.client
                    .generate_data_key()
                    .key_id(key_id)
                    .number_of_bytes(bytes)
                    .set_encryption_context(context.clone())
                    .send()
            })
            .await
            .map_err(|e| classify(&self.label, e))?;
        let wrapped = out
            .ciphertext_blob
            .map(Blob::into_inner)
            .ok_or_else(|| KeyError::Unavailable("KMS returned no ciphertext blob".into()))?;
        let plaintext = Zeroizing::new(
            out.plaintext
                .map(Blob::into_inner)
                .ok_or_else(|| KeyError::Unavailable("KMS returned no plaintext key".into()))?,
        );
        Ok((plaintext, wrapped, out.key_id))
    }

    /// KMS Decrypt of `wrapped` under `context`, the plaintext checked against the pins.
    /// The key the blob names (a replica wrap's) goes as KeyId; else, with one pinned
    /// key, KMS itself refuses a ciphertext of another key (IncorrectKeyException). The
    /// reported key id is checked against the pins in every case.
    async fn decrypt_plaintext(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
        key: Option<&str>,
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let key_id = match (key, self.pinned.as_slice()) {
            (Some(key), _) => Some(key.to_string()),
            (None, [one]) => Some(one.clone()),
            _ => None,
        };
        let context = context_map(context);
        let out = self
            .limited(|| {
                self.client
                    .decrypt()
                    .ciphertext_blob(Blob::new(wrapped))
                    .set_encryption_context(context.clone())
                    .set_key_id(key_id.clone())
                    .send()
            })
            .await
            .map_err(|e| {
                if e.code() == Some("IncorrectKeyException") {
                    KeyError::WrongKey {
                        expected: if self.pinned.is_empty() {
                            key_id.clone().into_iter().collect()
                        } else {
                            self.pinned.clone()
                        },
                        actual: "another key (KMS IncorrectKeyException)".to_string(),
                    }
                } else {
                    classify(&self.label, e)
                }
            })?;
        let plaintext = Zeroizing::new(
            out.plaintext
                .map(Blob::into_inner)
                .ok_or_else(|| KeyError::Unavailable("KMS returned no plaintext key".into()))?,
        );
        self.check_pinned(out.key_id.as_deref()).await?;
        Ok(plaintext)
    }

    /// Checks the key KMS reports for a Decrypt against the pinned keys.
    async fn check_pinned(&self, actual: Option<&str>) -> Result<(), KeyError> {
        if self.pinned.is_empty() {
            return Ok(());
        }
        let wrong = |actual: &str| KeyError::WrongKey {
            expected: self.pinned.clone(),
            actual: actual.to_string(),
        };
        let Some(actual) = actual else {
            return Err(wrong("a key KMS did not name"));
        };
        // A bare key id (uuid or mrk-...) matches the key part of the ARN KMS reports.
        let bare_match = self.pinned.iter().any(|p| {
            !p.starts_with("arn:")
                && !p.starts_with("alias/")
                && actual.ends_with(&format!(":key/{p}"))
        });
        if bare_match {
            return Ok(());
        }
        let needs_lookup = self
            .pinned
            .iter()
            .any(|p| p.starts_with("alias/") || p.starts_with("arn:"));
        if needs_lookup
            && self
                .pinned_arns()
                .await?
                .iter()
                .any(|a| a == actual || same_multi_region_key(a, actual))
        {
            return Ok(());
        }
        Err(wrong(actual))
    }
}

/// A retry classifier for the KMS client: throttled answers are not retried by the SDK
/// (whose backoff is per request) but by [`AwsKms`]'s limiter, at the pace shared by
/// every request. Network errors and 5xx answers keep the SDK's retries.
#[derive(Debug, Default)]
pub(crate) struct ThrottlingIsNotRetried;

impl ClassifyRetry for ThrottlingIsNotRetried {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let Some(Err(err)) = ctx.output_or_error() else {
            return RetryAction::NoActionIndicated;
        };
        let throttled = err.as_operation_error().and_then(|e| {
            use aws_sdk_kms::operation::{
                decrypt::DecryptError, describe_key::DescribeKeyError, encrypt::EncryptError,
                generate_data_key::GenerateDataKeyError, re_encrypt::ReEncryptError,
            };
            let code = e
                .downcast_ref::<DecryptError>()
                .and_then(ProvideErrorMetadata::code)
                .or_else(|| {
                    e.downcast_ref::<GenerateDataKeyError>()
                        .and_then(ProvideErrorMetadata::code)
                })
                .or_else(|| {
                    e.downcast_ref::<EncryptError>()
                        .and_then(ProvideErrorMetadata::code)
                })
                .or_else(|| {
                    e.downcast_ref::<ReEncryptError>()
                        .and_then(ProvideErrorMetadata::code)
                })
                .or_else(|| {
                    e.downcast_ref::<DescribeKeyError>()
                        .and_then(ProvideErrorMetadata::code)
                })?;
            Some(crate::sdk_error::is_throttling(code))
        });
        if throttled == Some(true) {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "KMS throttling is retried by the limiter"
    }
}

/// True when two key ARNs name replicas of one multi-Region key: the same partition,
/// account and `mrk-` key id, in any regions (MRK-aware matching, as the AWS Encryption
/// SDK does it). A key pinned by its home ARN thus accepts its replica elsewhere.
fn same_multi_region_key(a: &str, b: &str) -> bool {
    let parts = |arn: &str| -> Option<(String, String, String)> {
        let f: Vec<&str> = arn.splitn(6, ':').collect();
        match f.as_slice() {
            ["arn", partition, "kms", _region, account, resource]
                if resource.starts_with("key/mrk-") =>
            {
                Some((
                    partition.to_string(),
                    account.to_string(),
                    resource.to_string(),
                ))
            }
            _ => None,
        }
    };
    matches!((parts(a), parts(b)), (Some(x), Some(y)) if x == y)
}

/// True for a key ARN (`arn:aws:kms:REGION:ACCOUNT:key/ID`), as opposed to an alias ARN.
fn is_key_arn(key: &str) -> bool {
    key.starts_with("arn:") && key.contains(":key/")
}

fn context_map(context: &EncryptionContext) -> Option<HashMap<String, String>> {
    // credstash always sends a context (`{}` when none); KMS treats an empty map and
    // no map the same, so omit it rather than send an empty one.
    (!context.is_empty()).then(|| {
        context
            .as_map()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    })
}

fn classify<E>(label: &str, err: SdkError<E, HttpResponse>) -> KeyError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let code = err.code().map(str::to_string);
    let message = err.message().map(str::to_string);
    match code
        .as_deref()
        .and_then(|c| RefusalKind::of_kms_code(c).map(|kind| (c, kind)))
    {
        Some((code, kind)) => KeyError::Refused(Refusal::new(
            kind,
            match message {
                Some(m) if !m.is_empty() => format!("KMS {code}: {m}"),
                _ => format!("KMS {code}"),
            },
        )),
        None => KeyError::Service {
            cause: crate::sdk_error::cause(&err),
            message: match &err {
                // The operation timeout is ours (--kms-timeout): say so, and what to do.
                SdkError::TimeoutError(_) => format!(
                    "{label} did not answer within --kms-timeout; check the network and the \
                     region, or raise --kms-timeout"
                ),
                _ => crate::sdk_error::describe(label, &err),
            },
            source: Some(crate::sdk_error::boxed(err)),
        },
    }
}

#[async_trait::async_trait]
impl KeyService for AwsKms {
    async fn generate_data_key(
        &self,
        key_id: &str,
        context: &EncryptionContext,
    ) -> Result<GeneratedKey, KeyError> {
        let (plaintext, wrapped, key) = self.generate(key_id, context, DATA_KEY_LEN).await?;
        let plaintext = DataKey::from_slice(&plaintext).map_err(|_| {
            KeyError::refused(format!(
                "KMS returned a {}-byte data key, expected {DATA_KEY_LEN}",
                plaintext.len()
            ))
        })?;
        Ok(GeneratedKey {
            plaintext,
            wrapped,
            key,
        })
    }

    async fn decrypt_data_key(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError> {
        self.decrypt_data_key_under(wrapped, context, None).await
    }

    async fn decrypt_data_key_under(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
        key: Option<&str>,
    ) -> Result<DataKey, KeyError> {
        let plaintext = self.decrypt_plaintext(wrapped, context, key).await?;
        DataKey::from_slice(&plaintext).map_err(|_| {
            KeyError::refused(format!(
                "KMS returned a {}-byte data key, expected {DATA_KEY_LEN}",
                plaintext.len()
            ))
        })
    }

    async fn re_encrypt(
        &self,
        wrapped: &[u8],
        from_context: &EncryptionContext,
        to_key: &str,
        to_context: &EncryptionContext,
    ) -> Result<Rewrapped, KeyError> {
        // No SourceKeyId: a data key already under `to_key` must answer (so a rerun can
        // skip it) even when `to_key` is not among the pinned keys.
        // ReEncrypt shares the account's KMS quota: it goes through the same pace.
        let (from, to) = (context_map(from_context), context_map(to_context));
        let out = self
            .limited(|| {
                self.client
                    .re_encrypt()
                    .ciphertext_blob(Blob::new(wrapped))
                    .set_source_encryption_context(from.clone())
                    .destination_key_id(to_key)
                    .set_destination_encryption_context(to.clone())
                    .send()
            })
            .await
            .map_err(|e| classify(&self.label, e))?;
        // The source key is checked like a Decrypt's: a data key under a key the reader
        // does not accept is not moved under an accepted one (nothing is stored yet). The
        // target key itself is accepted: the caller named it.
        let unmoved = out.source_key_id.is_some() && out.source_key_id == out.key_id;
        if !unmoved {
            self.check_pinned(out.source_key_id()).await?;
        }
        let new = out
            .ciphertext_blob
            .map(Blob::into_inner)
            .ok_or_else(|| KeyError::Unavailable("KMS returned no ciphertext blob".into()))?;
        Ok(Rewrapped {
            wrapped: new,
            source_key: out.source_key_id,
            key: out.key_id,
        })
    }

    async fn encrypt_data_key(
        &self,
        key_id: &str,
        plaintext: &DataKey,
        context: &EncryptionContext,
    ) -> Result<Wrapped, KeyError> {
        let context = context_map(context);
        let out = self
            .limited(|| {
                self.client
                    .encrypt()
                    .key_id(key_id)
                    .plaintext(Blob::new(plaintext.as_bytes().as_slice()))
                    .set_encryption_context(context.clone())
                    .send()
            })
            .await
            .map_err(|e| classify(&self.label, e))?;
        let blob = out
            .ciphertext_blob
            .map(Blob::into_inner)
            .ok_or_else(|| KeyError::Unavailable("KMS returned no ciphertext blob".into()))?;
        Ok(Wrapped {
            blob,
            key: out.key_id,
        })
    }

    async fn key_arn(&self, key_id: &str) -> Result<String, KeyError> {
        let out = self
            .limited(|| self.client.describe_key().key_id(key_id).send())
            .await
            .map_err(|e| classify(&self.label, e))?;
        out.key_metadata()
            .map(|m| m.arn().unwrap_or(m.key_id()).to_string())
            .ok_or_else(|| {
                KeyError::Unavailable(format!("KMS DescribeKey of {key_id} said nothing"))
            })
    }

    async fn generate_key_bytes(
        &self,
        key_id: &str,
        context: &EncryptionContext,
        len: usize,
    ) -> Result<GeneratedBytes, KeyError> {
        let (plaintext, wrapped, _) = self.generate(key_id, context, len).await?;
        if plaintext.len() != len {
            return Err(KeyError::Unavailable(format!(
                "KMS returned {} key bytes, expected {len}",
                plaintext.len()
            )));
        }
        Ok(GeneratedBytes { plaintext, wrapped })
    }

    async fn decrypt_key_bytes(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        self.decrypt_plaintext(wrapped, context, None).await
    }
}

#[cfg(test)]
mod tests {
    use super::same_multi_region_key;

    #[test]
    fn multi_region_replicas_match_across_regions_only() {
        let home = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        let replica = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        assert!(same_multi_region_key(home, replica));
        let other_account = replica.replace("111122223333", "444455556666");
        assert!(!same_multi_region_key(home, &other_account));
        let single = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        let single_elsewhere = single.replace("us-east-1", "eu-west-1");
        assert!(!same_multi_region_key(single, &single_elsewhere));
    }
}
