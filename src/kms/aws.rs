//! AWS KMS as a key service: `GenerateDataKey` (64 bytes) and `Decrypt` under an
//! encryption context, exactly as credstash's `KeyService` calls them.

use super::{GeneratedKey, KeyError, KeyService};
use crate::context::EncryptionContext;
use crate::crypto::{DATA_KEY_LEN, DataKey};
use aws_sdk_kms::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_kms::primitives::Blob;
use std::collections::HashMap;
use zeroize::Zeroize;

/// KMS error codes that mean "refused" rather than "failed": the caller must change
/// something (context, key, permissions), retrying will not help.
const REFUSAL_CODES: &[&str] = &[
    "InvalidCiphertextException",
    "AccessDeniedException",
    "NotFoundException",
    "DisabledException",
    "KMSInvalidStateException",
    "IncorrectKeyException",
    "InvalidKeyUsageException",
    "KeyUnavailableException",
    "InvalidGrantTokenException",
];

/// A key service backed by AWS KMS.
#[derive(Clone, Debug)]
pub struct AwsKms {
    client: aws_sdk_kms::Client,
}

impl AwsKms {
    /// Wraps a configured KMS client.
    pub fn new(client: aws_sdk_kms::Client) -> Self {
        AwsKms { client }
    }
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

fn classify<E, R>(err: SdkError<E, R>) -> KeyError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let code = err.code().map(str::to_string);
    let message = err.message().map(str::to_string);
    match code {
        Some(code) if REFUSAL_CODES.contains(&code.as_str()) => KeyError::Refused(match message {
            Some(m) if !m.is_empty() => format!("KMS {code}: {m}"),
            _ => format!("KMS {code}"),
        }),
        _ => KeyError::Unavailable(crate::sdk_error::describe("KMS", &err)),
    }
}

fn into_data_key(blob: Option<Blob>) -> Result<DataKey, KeyError> {
    let mut bytes = blob
        .map(Blob::into_inner)
        .ok_or_else(|| KeyError::Unavailable("KMS returned no plaintext key".into()))?;
    let key = DataKey::from_slice(&bytes).map_err(|_| {
        KeyError::Refused(format!(
            "KMS returned a {}-byte data key, expected {DATA_KEY_LEN}",
            bytes.len()
        ))
    });
    bytes.zeroize();
    key
}

#[async_trait::async_trait]
impl KeyService for AwsKms {
    async fn generate_data_key(
        &self,
        key_id: &str,
        context: &EncryptionContext,
    ) -> Result<GeneratedKey, KeyError> {
        let out = self
            .client
            .generate_data_key()
            .key_id(key_id)
            .number_of_bytes(DATA_KEY_LEN as i32)
            .set_encryption_context(context_map(context))
            .send()
            .await
            .map_err(classify)?;
        let wrapped = out
            .ciphertext_blob
            .map(Blob::into_inner)
            .ok_or_else(|| KeyError::Unavailable("KMS returned no ciphertext blob".into()))?;
        let plaintext = into_data_key(out.plaintext)?;
        Ok(GeneratedKey { plaintext, wrapped })
    }

    async fn decrypt_data_key(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError> {
        let out = self
            .client
            .decrypt()
            .ciphertext_blob(Blob::new(wrapped))
            .set_encryption_context(context_map(context))
            .send()
            .await
            .map_err(classify)?;
        into_data_key(out.plaintext)
    }
}
