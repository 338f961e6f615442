//! The key service: generates and unwraps 64-byte data keys under an encryption context.
//!
//! Two implementations: AWS KMS (`aws::AwsKms`, with the `aws` feature) and a local master key file
//! ([`local::LocalKeyService`]) for the embedded backend.

#[cfg(feature = "aws")]
pub(crate) mod aws;
#[cfg(test)]
mod conformance;
pub(crate) mod keyring;
#[cfg(feature = "aws")]
pub(crate) mod limiter;
pub(crate) mod local;
#[cfg(feature = "aws")]
pub(crate) mod warm;
pub(crate) mod wraps;

use crate::cause::Cause;
use crate::crypto::DataKey;
use crate::model::context::EncryptionContext;
use std::fmt;
use zeroize::Zeroizing;

/// Default number of key-service calls in flight during bulk reads (`--concurrency`).
pub(crate) const DEFAULT_CONCURRENCY: usize = 32;

/// A freshly generated data key: the plaintext (for sealing) and its wrapped form (to store).
pub struct GeneratedKey {
    /// The plaintext 64-byte key; zeroized on drop.
    pub plaintext: DataKey,
    /// The wrapped key (KMS CiphertextBlob), stored base64 in the `key` attribute.
    pub wrapped: Vec<u8>,
    /// The key that wrapped it (a key ARN), when the service names keys.
    pub key: Option<String>,
}

/// A data key wrapped by [`KeyService::encrypt_data_key`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Wrapped {
    /// The wrapped key (KMS CiphertextBlob).
    pub blob: Vec<u8>,
    /// The key that wrapped it (a key ARN), when the service names keys.
    pub key: Option<String>,
}

/// A data key wrapped again by [`KeyService::re_encrypt`], without its plaintext
/// leaving the key service.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Rewrapped {
    /// The new wrapped key (KMS CiphertextBlob), to store in the `key` attribute.
    pub wrapped: Vec<u8>,
    /// The key that wrapped the data key before (a key ARN), when the service names keys.
    pub source_key: Option<String>,
    /// The key that wraps it now (a key ARN), when the service names keys.
    pub key: Option<String>,
}

/// What kind of refusal the key service answered, from its error code (never from the
/// text of a message): what [`KeyError::hint`] suggests depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// The key or alias does not exist (KMS `NotFoundException`).
    NotFound,
    /// The key is disabled or pending deletion (`DisabledException`,
    /// `KMSInvalidStateException`).
    Disabled,
    /// The caller may not use the key (`AccessDeniedException`).
    AccessDenied,
    /// The wrapped key does not open under this context or key
    /// (`InvalidCiphertextException`, `IncorrectKeyException`; the local key service).
    InvalidCiphertext,
    /// Any other refusal.
    Other,
}

impl RefusalKind {
    /// The kind of a KMS error code, or `None` when the code is not a refusal. A refusal
    /// means the caller must change something (context, key, permissions): retrying will
    /// not help; any other code is a failure of the service or the network.
    #[cfg_attr(not(feature = "aws"), allow(dead_code))]
    pub(crate) fn of_kms_code(code: &str) -> Option<Self> {
        Some(match code {
            "NotFoundException" => RefusalKind::NotFound,
            "DisabledException" | "KMSInvalidStateException" => RefusalKind::Disabled,
            "AccessDeniedException" => RefusalKind::AccessDenied,
            "InvalidCiphertextException" | "IncorrectKeyException" => {
                RefusalKind::InvalidCiphertext
            }
            "InvalidKeyUsageException"
            | "KeyUnavailableException"
            | "InvalidGrantTokenException" => RefusalKind::Other,
            _ => return None,
        })
    }
}

/// A refusal of the key service: its kind and one line saying what was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What kind of refusal.
    pub kind: RefusalKind,
    /// One line, for the error message.
    pub message: String,
}

impl Refusal {
    /// A refusal of `kind`.
    pub(crate) fn new(kind: RefusalKind, message: impl Into<String>) -> Self {
        Refusal {
            kind,
            message: message.into(),
        }
    }

    /// The same refusal with its message rewritten (more context on where it happened).
    pub(crate) fn map_message(self, f: impl FnOnce(String) -> String) -> Self {
        Refusal {
            kind: self.kind,
            message: f(self.message),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why the key service failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The key service refused: wrong encryption context, tampered wrapped key,
    /// access denied, disabled or unknown key. Exit code 5.
    #[error("the key service refused: {0}")]
    Refused(Refusal),
    /// The key service could not be reached or failed (network, throttling after retries).
    #[error("the key service failed: {0}")]
    Unavailable(String),
    /// KMS failed on the way or in the service (not a refusal), with why.
    #[error("the key service failed: {message}")]
    Service {
        /// Throttling, timeout, unreachable...
        cause: Cause,
        /// One line describing it.
        message: String,
        /// The SDK's error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The data key is wrapped under a key other than the expected (pinned) ones.
    #[error("the data key is wrapped under {actual}, not under {}", .expected.join(", "))]
    WrongKey {
        /// The keys that were expected.
        expected: Vec<String>,
        /// The key the service reported (or a description when it did not say).
        actual: String,
    },
    /// The local master key file is missing, unreadable or malformed.
    #[error("{0}")]
    MasterKey(String),
    /// The keyring cannot do what was asked (replica regions on the embedded backend).
    /// Exit code 2.
    #[error("{0}")]
    Unsupported(String),
}

impl KeyError {
    /// A refusal of no particular kind (a malformed answer, a wrap that cannot be used).
    pub(crate) fn refused(message: impl Into<String>) -> Self {
        KeyError::Refused(Refusal::new(RefusalKind::Other, message))
    }

    /// What to check for a refusal, from the kind KMS answered: a missing key or alias,
    /// a disabled key and a denied permission each say so; a refused ciphertext points
    /// at the encryption context.
    pub fn hint(&self) -> &'static str {
        let generic =
            "check the encryption context (key=value arguments), the KMS key and your permissions";
        let KeyError::Refused(refusal) = self else {
            return generic;
        };
        match refusal.kind {
            RefusalKind::NotFound => {
                "the KMS key or alias does not exist in this region: check -k and --kms-region, or create the alias"
            }
            RefusalKind::Disabled => {
                "the KMS key is disabled or pending deletion: enable it, or rekey the secrets to another key"
            }
            RefusalKind::AccessDenied => {
                "your identity may not use this KMS key: check its key policy and your IAM policy"
            }
            RefusalKind::InvalidCiphertext => {
                "the encryption context differs from the one it was written with (key=value arguments), or the item was altered"
            }
            RefusalKind::Other => generic,
        }
    }

    /// Why the service failed, when it failed rather than refused.
    pub fn cause(&self) -> Option<Cause> {
        match self {
            KeyError::Service { cause, .. } => Some(*cause),
            _ => None,
        }
    }
}

/// Generates and unwraps data keys. The context is authenticated: unwrapping with any
/// other context than the one used to generate must fail with [`KeyError::Refused`].
#[async_trait::async_trait]
pub trait KeyService: Send + Sync {
    /// Generates a 64-byte data key under `key_id` bound to `context`.
    async fn generate_data_key(
        &self,
        key_id: &str,
        context: &EncryptionContext,
    ) -> Result<GeneratedKey, KeyError>;

    /// Unwraps a data key produced by [`KeyService::generate_data_key`].
    async fn decrypt_data_key(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError>;

    /// Wraps the data key in `wrapped` (made under `from_context`) again, under `to_key`
    /// and `to_context`, inside the key service: the plaintext data key is never returned
    /// (KMS `ReEncrypt`). The source key must be one the reader accepts (key pinning).
    async fn re_encrypt(
        &self,
        wrapped: &[u8],
        from_context: &EncryptionContext,
        to_key: &str,
        to_context: &EncryptionContext,
    ) -> Result<Rewrapped, KeyError>;

    /// Wraps an existing data key under `key_id` and `context` (KMS `Encrypt`): the
    /// replica wraps of a data key generated in another region.
    async fn encrypt_data_key(
        &self,
        key_id: &str,
        plaintext: &DataKey,
        context: &EncryptionContext,
    ) -> Result<Wrapped, KeyError>;

    /// Unwraps like [`KeyService::decrypt_data_key`], naming the key the blob must be
    /// under when known (KMS `KeyId`: required to open a multi-Region key's blob with
    /// its replica in another region).
    async fn decrypt_data_key_under(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
        key: Option<&str>,
    ) -> Result<DataKey, KeyError> {
        let _ = key;
        self.decrypt_data_key(wrapped, context).await
    }

    /// The ARN of `key_id` (KMS `DescribeKey`); services that do not name keys return
    /// it unchanged.
    async fn key_arn(&self, key_id: &str) -> Result<String, KeyError> {
        Ok(key_id.to_string())
    }

    /// Starts opening up to `connections` connections to the service in the background,
    /// ahead of that many unwraps: a hint, which services without connections ignore.
    fn warm_up(&self, connections: usize) {
        let _ = connections;
    }

    /// Whether data keys can be wrapped under different keys (KMS: yes; the embedded
    /// backend has one master key, so moving between keys means nothing there).
    fn has_key_ids(&self) -> bool {
        true
    }

    /// Generates `len` random key bytes under `key_id` bound to `context` (KMS
    /// `GenerateDataKey` with `NumberOfBytes`), for formats whose keys are not 64-byte
    /// data keys (Fernet's 32 bytes). The default refuses: a service must opt in.
    async fn generate_key_bytes(
        &self,
        key_id: &str,
        context: &EncryptionContext,
        len: usize,
    ) -> Result<GeneratedBytes, KeyError> {
        let _ = (key_id, context, len);
        Err(KeyError::Unavailable(
            "this key service generates only 64-byte data keys".into(),
        ))
    }

    /// Unwraps key bytes of any length produced by [`KeyService::generate_key_bytes`]
    /// (KMS `Decrypt`). The default refuses: a service must opt in.
    async fn decrypt_key_bytes(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let _ = (wrapped, context);
        Err(KeyError::Unavailable(
            "this key service unwraps only 64-byte data keys".into(),
        ))
    }
}

/// Key bytes of a caller-chosen length from [`KeyService::generate_key_bytes`]. `Debug`
/// prints no key byte.
pub struct GeneratedBytes {
    /// The plaintext key bytes; zeroized on drop.
    pub plaintext: Zeroizing<Vec<u8>>,
    /// The wrapped key (KMS CiphertextBlob).
    pub wrapped: Vec<u8>,
}

impl std::fmt::Debug for GeneratedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeneratedBytes")
            .field("plaintext", &"[redacted]")
            .field("wrapped", &self.wrapped.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_s_hint_follows_its_code_not_its_text() {
        let of = |code: &str| {
            let kind = RefusalKind::of_kms_code(code).expect("a refusal code");
            KeyError::Refused(Refusal::new(kind, format!("KMS {code}"))).hint()
        };
        assert!(of("NotFoundException").contains("does not exist"));
        assert!(of("DisabledException").contains("disabled"));
        assert!(of("KMSInvalidStateException").contains("disabled"));
        assert!(of("AccessDeniedException").contains("may not use"));
        assert!(of("InvalidCiphertextException").contains("encryption context differs"));
        // A message is the service's (or an alias's, or a proxy's) text: naming a code in
        // it does not make the refusal that kind.
        let spoofed = KeyError::refused("alias/NotFoundException-AccessDeniedException");
        assert!(spoofed.hint().starts_with("check the encryption context"));
        // Failures are not refusals: they retry, and get no refusal kind.
        assert_eq!(RefusalKind::of_kms_code("ThrottlingException"), None);
        assert_eq!(RefusalKind::of_kms_code("KMSInternalException"), None);
        assert_eq!(RefusalKind::of_kms_code("DependencyTimeoutException"), None);
    }
}
