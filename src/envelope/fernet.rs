//! Fernet tokens, and the KMS message recipe built on them. Sync and pure.
//!
//! Compatibility source: the Fernet specification
//! (<https://github.com/fernet/spec/blob/master/Spec.md>) as the Python `cryptography`
//! package implements it (`cryptography.fernet.Fernet`): a 32-byte key whose first 16
//! bytes sign (HMAC-SHA256) and last 16 encrypt (AES-128-CBC, PKCS#7 padding); a token is
//! `0x80 || timestamp (u64 big-endian seconds) || IV (16) || ciphertext || HMAC (32)`,
//! base64url-encoded with padding. The HMAC covers everything before it and is verified,
//! in constant time, before anything is decrypted.
//!
//! The message recipe (ENVELOPE.md "Fernet interop") ships
//! `{"encrypted_data_key": <base64url of the KMS CiphertextBlob>, "encrypted_message": <token>}`.
//! Keys, tokens and wrapped keys are written base64url and read in either base64 alphabet,
//! padded or not: keys made with standard base64 (`+`, `/`) are common.

use super::EnvelopeError;
use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use base64::Engine as _;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fmt;
use zeroize::Zeroizing;

/// AES-128 in CBC mode, encrypting.
pub(super) type Aes128CbcEnc = cbc::Encryptor<aes::Aes128>;
/// AES-128 in CBC mode, decrypting.
pub(super) type Aes128CbcDec = cbc::Decryptor<aes::Aes128>;

/// The version byte of every Fernet token.
pub(super) const VERSION: u8 = 0x80;
/// Length of a Fernet key in bytes.
pub(super) const KEY_LEN: usize = 32;
/// Fixed bytes of a token besides the ciphertext: version, timestamp, IV, HMAC.
const OVERHEAD: usize = 1 + 8 + 16 + 32;

/// A Fernet key. Zeroized on drop; `Debug` prints nothing of it.
pub(super) struct FernetKey(Zeroizing<[u8; KEY_LEN]>);

impl fmt::Debug for FernetKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FernetKey([redacted])")
    }
}

/// Why a Fernet key or token was refused. Never carries key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FernetError {
    /// The key is not 32 bytes of base64 (either alphabet).
    #[error("a Fernet key is 32 bytes in base64; this one is not")]
    BadKey,
    /// The token is not base64, too short, or not of version 0x80.
    #[error("the Fernet token is malformed")]
    Malformed,
    /// The HMAC does not verify (altered token, or another key).
    #[error("the Fernet token does not verify (it was altered, or made with another key)")]
    Signature,
}

impl FernetKey {
    /// A key from its 32 raw bytes.
    pub(super) fn from_bytes(bytes: &[u8]) -> Result<Self, FernetError> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        if bytes.len() != KEY_LEN {
            return Err(FernetError::BadKey);
        }
        key.copy_from_slice(bytes);
        Ok(FernetKey(key))
    }

    /// A key from base64 text: base64url or standard alphabet, padded or not (the
    /// recipe's keys travel wrapped, so only the spec's vectors need it).
    #[cfg(test)]
    pub(super) fn from_base64(text: &str) -> Result<Self, FernetError> {
        let bytes = Zeroizing::new(decode_any(text).ok_or(FernetError::BadKey)?);
        Self::from_bytes(&bytes)
    }

    /// The key as base64url with padding (the form `Fernet.generate_key()` prints).
    #[cfg(test)]
    pub(super) fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(URL_SAFE.encode(self.0.as_slice()))
    }

    fn signing(&self) -> &[u8] {
        &self.0[..16]
    }

    fn encryption(&self) -> &[u8] {
        &self.0[16..]
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length.
        match <Hmac<Sha256> as Mac>::new_from_slice(self.signing()) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC accepts a 16-byte key"),
        }
    }
}

/// Decodes base64 in either alphabet, padded or not; `None` when it is not base64.
pub(super) fn decode_any(text: &str) -> Option<Vec<u8>> {
    let normalized: String = text
        .trim()
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    URL_SAFE_NO_PAD.decode(normalized).ok()
}

/// Encodes as base64url with padding (Python's `base64.urlsafe_b64encode`).
pub(super) fn encode(bytes: &[u8]) -> String {
    URL_SAFE.encode(bytes)
}

/// Makes a token of `plaintext` with this timestamp and IV (deterministic: for test
/// vectors; [`encrypt`] draws the IV and reads the clock).
pub(super) fn encrypt_with(
    key: &FernetKey,
    plaintext: &[u8],
    timestamp: u64,
    iv: &[u8; 16],
) -> String {
    let padded_len = (plaintext.len() / 16 + 1) * 16;
    let mut token = Vec::with_capacity(OVERHEAD + padded_len);
    token.push(VERSION);
    token.extend_from_slice(&timestamp.to_be_bytes());
    token.extend_from_slice(iv);
    let start = token.len();
    token.extend_from_slice(plaintext);
    token.resize(start + padded_len, 0);
    let cipher = Aes128CbcEnc::new(key.encryption().into(), iv.into());
    // The buffer has room for the padding by construction, so this cannot fail; a
    // failure would leave a token that does not verify, never plaintext.
    let _ = cipher.encrypt_padded_mut::<Pkcs7>(&mut token[start..], plaintext.len());
    let mut mac = key.mac();
    mac.update(&token);
    token.extend_from_slice(&mac.finalize().into_bytes());
    encode(&token)
}

/// Makes a token of `plaintext` now, with a random IV.
pub(super) fn encrypt(key: &FernetKey, plaintext: &[u8]) -> Result<String, EnvelopeError> {
    let mut iv = [0u8; 16];
    getrandom::getrandom(&mut iv)
        .map_err(|_| EnvelopeError::Internal("the random source failed"))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ok(encrypt_with(key, plaintext, now, &iv))
}

/// Verifies and opens a token (either base64 alphabet). The timestamp is not checked:
/// like `Fernet.decrypt` without a `ttl`, a token does not expire.
pub(super) fn decrypt(key: &FernetKey, token: &str) -> Result<Zeroizing<Vec<u8>>, FernetError> {
    let bytes = decode_any(token).ok_or(FernetError::Malformed)?;
    if bytes.len() < OVERHEAD + 16 || bytes[0] != VERSION || (bytes.len() - OVERHEAD) % 16 != 0 {
        return Err(FernetError::Malformed);
    }
    let (signed, tag) = bytes.split_at(bytes.len() - 32);
    let mut mac = key.mac();
    mac.update(signed);
    mac.verify_slice(tag).map_err(|_| FernetError::Signature)?;
    let iv: [u8; 16] = signed[9..25]
        .try_into()
        .map_err(|_| FernetError::Malformed)?;
    let mut buffer = Zeroizing::new(signed[25..].to_vec());
    let cipher = Aes128CbcDec::new(key.encryption().into(), (&iv).into());
    let len = cipher
        .decrypt_padded_mut::<Pkcs7>(&mut buffer)
        .map_err(|_| FernetError::Malformed)?
        .len();
    buffer.truncate(len);
    Ok(buffer)
}

/// The JSON message of the KMS + Fernet recipe.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FernetMessage {
    /// base64url of the KMS CiphertextBlob of the 32-byte key.
    pub encrypted_data_key: String,
    /// The Fernet token of the message.
    pub encrypted_message: String,
}

impl FernetMessage {
    /// Largest plaintext of a Fernet message: the recipe is for small messages, held whole
    /// in memory; larger inputs belong in the streaming format.
    pub const MAX_PLAINTEXT_LEN: usize = super::MAX_FERNET_LEN;

    /// The message as one line of JSON.
    pub fn to_json(&self) -> String {
        // Two string fields always serialize.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a message; fields other than the two of the recipe are ignored.
    pub fn from_json(text: &[u8]) -> Result<Self, FernetError> {
        serde_json::from_slice(text).map_err(|_| FernetError::Malformed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The vector of the Fernet specification (`generate.json` / `verify.json`).
    const SPEC_KEY: &str = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    const SPEC_TOKEN: &str = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

    #[test]
    fn the_specification_vector() {
        let key = FernetKey::from_base64(SPEC_KEY).unwrap();
        let iv: [u8; 16] = core::array::from_fn(|i| i as u8);
        assert_eq!(encrypt_with(&key, b"hello", 499162800, &iv), SPEC_TOKEN);
        assert_eq!(decrypt(&key, SPEC_TOKEN).unwrap().as_slice(), b"hello");
    }

    #[test]
    fn keys_and_tokens_in_the_standard_alphabet_are_accepted() {
        let standard = SPEC_KEY.replace('-', "+").replace('_', "/");
        assert_ne!(standard, SPEC_KEY);
        let key = FernetKey::from_base64(&standard).unwrap();
        assert_eq!(key.to_base64().as_str(), SPEC_KEY, "written urlsafe");
        let token = SPEC_TOKEN.replace('-', "+").replace('_', "/");
        assert_eq!(decrypt(&key, &token).unwrap().as_slice(), b"hello");
        assert_eq!(
            decrypt(&key, SPEC_TOKEN.trim_end_matches('='))
                .unwrap()
                .as_slice(),
            b"hello"
        );
        assert_eq!(
            FernetKey::from_base64("c2hvcnQ=").unwrap_err(),
            FernetError::BadKey
        );
    }

    #[test]
    fn every_flipped_byte_is_refused() {
        let key = FernetKey::from_base64(SPEC_KEY).unwrap();
        let raw = decode_any(SPEC_TOKEN).unwrap();
        for at in 0..raw.len() {
            let mut bad = raw.clone();
            bad[at] ^= 0x01;
            assert!(decrypt(&key, &encode(&bad)).is_err(), "flip at {at}");
        }
        assert_eq!(
            decrypt(&key, "not base64!").unwrap_err(),
            FernetError::Malformed
        );
        let other = FernetKey::from_bytes(&[3; 32]).unwrap();
        assert_eq!(
            decrypt(&other, SPEC_TOKEN).unwrap_err(),
            FernetError::Signature
        );
    }

    #[test]
    fn round_trips_at_block_boundaries() {
        let key = FernetKey::from_bytes(&[9; 32]).unwrap();
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 1000] {
            let plaintext = vec![0xA5; len];
            let token = encrypt(&key, &plaintext).unwrap();
            assert_eq!(decrypt(&key, &token).unwrap().as_slice(), &plaintext[..]);
        }
        assert_eq!(format!("{key:?}"), "FernetKey([redacted])");
    }
}
