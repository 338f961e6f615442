//! The credstash cipher suite: AES-256-CTR (Ctr128BE, IV 0..01) then HMAC over the ciphertext.
//!
//! Compatibility source: fugue/credstash 1.17.1 `credstash.py`, `_seal_aes_ctr`,
//! `_open_aes_ctr`, `_get_hmac`, `_halve_key`; see FORMAT.md "Crypto, exactly".

use crate::secret::SecretBytes;
use std::fmt;
use std::str::FromStr;

/// AES-256 in CTR mode with the whole 128-bit block as a big-endian counter, as
/// PyCryptodome's `Counter.new(128, initial_value=1)` does.
pub type Aes256Ctr = ctr::Ctr128BE<aes::Aes256>;

/// Length of a KMS data key in this format: 32 bytes AES key + 32 bytes HMAC key.
pub const DATA_KEY_LEN: usize = 64;

/// A 64-byte plaintext data key. Zeroized on drop; `Debug` prints `[redacted]`.
pub struct DataKey(zeroize::Zeroizing<[u8; DATA_KEY_LEN]>);

/// The HMAC digest of a record (`digest` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Digest {
    /// SHA-1, stored as `SHA` (credstash) or `SHA1` (rucredstash).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256, the default.
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// MD5.
    Md5,
}

/// The output of [`seal`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// AES-CTR ciphertext, same length as the plaintext.
    pub ciphertext: Vec<u8>,
    /// Lowercase hex of the HMAC over the ciphertext.
    pub hmac_hex: String,
}

/// Why a seal or open failed. Never carries key material or plaintext.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// The HMAC does not match the ciphertext: the record was altered.
    #[error("HMAC mismatch: the stored ciphertext or HMAC was altered")]
    HmacMismatch,
    /// The stored HMAC is not hex text of the digest's length.
    #[error("the stored HMAC is not valid hex of the expected length")]
    MalformedHmac,
    /// A data key of the wrong length.
    #[error("data key has {0} bytes, expected 64")]
    BadDataKeyLength(usize),
    /// The operating system's random source failed.
    #[error("the system random source failed: {0}")]
    Random(String),
}

/// An unknown `digest` name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown digest {0:?} (expected SHA, SHA224, SHA256, SHA384, SHA512 or MD5)")]
pub struct UnknownDigest(pub String);

impl DataKey {
    /// Copies a 64-byte plaintext data key (from KMS or the local key service).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        todo!("H1")
    }

    /// 64 random bytes from the operating system.
    pub fn generate() -> Result<Self, CryptoError> {
        todo!("H1")
    }

    /// All 64 bytes (for wrapping by the local key service).
    pub fn as_bytes(&self) -> &[u8; DATA_KEY_LEN] {
        &self.0
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey([redacted])")
    }
}

impl Digest {
    /// The name written to the `digest` attribute (credstash spelling: `SHA` for SHA-1).
    pub fn name(self) -> &'static str {
        todo!("H1")
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Digest {
    type Err = UnknownDigest;
    /// Accepts credstash's names and `SHA1`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        todo!("H1")
    }
}

/// Encrypts `plaintext` under `key` and MACs the ciphertext with `digest`.
pub fn seal(key: &DataKey, digest: Digest, plaintext: &[u8]) -> Sealed {
    todo!("H1")
}

/// Verifies `hmac_hex` (any case) over `ciphertext` in constant time, then decrypts.
pub fn open(
    key: &DataKey,
    digest: Digest,
    ciphertext: &[u8],
    hmac_hex: &str,
) -> Result<SecretBytes, CryptoError> {
    todo!("H1")
}
