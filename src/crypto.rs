//! The credstash cipher suite: AES-256-CTR (Ctr128BE, IV 0..01) then HMAC over the ciphertext.
//!
//! Compatibility source: fugue/credstash 1.17.1 `credstash.py`, `_seal_aes_ctr`,
//! `_open_aes_ctr`, `_get_hmac`, `_halve_key`; see FORMAT.md "Crypto, exactly".

pub use crate::model::digest::Digest;
use crate::model::secret::SecretBytes;
use aes::cipher::{KeyIvInit, StreamCipher};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use std::fmt;
use zeroize::Zeroizing;

/// AES-256 in CTR mode with the whole 128-bit block as a big-endian counter, as
/// PyCryptodome's `Counter.new(128, initial_value=1)` does.
pub(crate) type Aes256Ctr = ctr::Ctr128BE<aes::Aes256>;

/// Length of a KMS data key in this format: 32 bytes AES key + 32 bytes HMAC key.
pub(crate) const DATA_KEY_LEN: usize = 64;

/// The initial counter block: 15 zero bytes then `0x01` (credstash's `LEGACY_NONCE`).
pub(crate) const IV: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

/// Bytes of the data key used as the AES-256 key; the rest is the HMAC key.
const AES_KEY_LEN: usize = 32;

/// A 64-byte plaintext data key. Zeroized on drop; `Debug` prints `[redacted]`.
pub struct DataKey(zeroize::Zeroizing<[u8; DATA_KEY_LEN]>);

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

impl DataKey {
    /// Copies a 64-byte plaintext data key (from KMS or the local key service).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        if bytes.len() != DATA_KEY_LEN {
            return Err(CryptoError::BadDataKeyLength(bytes.len()));
        }
        // Copy straight into the zeroizing buffer: no stray array copy on the stack.
        let mut key = Zeroizing::new([0u8; DATA_KEY_LEN]);
        key.copy_from_slice(bytes);
        Ok(DataKey(key))
    }

    /// 64 random bytes from the operating system.
    pub fn generate() -> Result<Self, CryptoError> {
        let mut key = Zeroizing::new([0u8; DATA_KEY_LEN]);
        getrandom::getrandom(key.as_mut_slice()).map_err(|e| CryptoError::Random(e.to_string()))?;
        Ok(DataKey(key))
    }

    /// Bytes 0..32: the AES-256 key (credstash `_halve_key`, first half).
    fn aes_key(&self) -> &[u8] {
        self.0.split_at(AES_KEY_LEN).0
    }

    /// Bytes 32..64: the HMAC key (credstash `_halve_key`, second half).
    fn hmac_key(&self) -> &[u8] {
        self.0.split_at(AES_KEY_LEN).1
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

/// Applies the AES-256-CTR keystream (Ctr128BE, IV [`IV`]) in place.
///
/// Compatibility source: credstash 1.17.1 `_seal_aes_ctr` / `_open_aes_ctr`
/// (`modes.CTR(LEGACY_NONCE)`, a full 128-bit big-endian counter).
fn apply_keystream(key: &DataKey, buf: &mut [u8]) {
    // The AES key is always exactly 32 bytes (a constant split of a `[u8; 64]`),
    // so this conversion never fails, and there is no error path that could
    // leave `buf` unencrypted.
    let aes_key = aes::cipher::Key::<aes::Aes256>::from_slice(key.aes_key());
    let mut cipher = Aes256Ctr::new(aes_key, &IV.into());
    cipher.apply_keystream(buf);
}

/// The MAC `M` (an `Hmac<_>`) of `data` under `key`, as bytes.
fn mac_bytes<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so `new_from_slice` never fails here.
    match <M as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// Constant-time check of `tag` as the MAC `M` of `data` under `key`.
fn mac_verify<M: Mac + KeyInit>(key: &[u8], data: &[u8], tag: &[u8]) -> Result<(), CryptoError> {
    let mut mac = <M as KeyInit>::new_from_slice(key).map_err(|_| CryptoError::HmacMismatch)?;
    mac.update(data);
    mac.verify_slice(tag).map_err(|_| CryptoError::HmacMismatch)
}

/// The HMAC of `ciphertext` under the data key's second half.
///
/// Compatibility source: credstash 1.17.1 `_get_hmac` and `_halve_key`.
fn hmac_of(key: &DataKey, digest: Digest, ciphertext: &[u8]) -> Vec<u8> {
    let k = key.hmac_key();
    match digest {
        Digest::Sha1 => mac_bytes::<Hmac<sha1::Sha1>>(k, ciphertext),
        Digest::Sha224 => mac_bytes::<Hmac<sha2::Sha224>>(k, ciphertext),
        Digest::Sha256 => mac_bytes::<Hmac<sha2::Sha256>>(k, ciphertext),
        Digest::Sha384 => mac_bytes::<Hmac<sha2::Sha384>>(k, ciphertext),
        Digest::Sha512 => mac_bytes::<Hmac<sha2::Sha512>>(k, ciphertext),
        Digest::Md5 => mac_bytes::<Hmac<md5::Md5>>(k, ciphertext),
    }
}

/// Encrypts `plaintext` under `key` and MACs the ciphertext with `digest`.
///
/// Compatibility source: credstash 1.17.1 `seal_aes_ctr_legacy` / `_seal_aes_ctr`:
/// AES-256-CTR with bytes 0..32 of the key, then HMAC over the ciphertext with
/// bytes 32..64, hex-encoded in lowercase.
pub fn seal(key: &DataKey, digest: Digest, plaintext: &[u8]) -> Sealed {
    let mut ciphertext = plaintext.to_vec();
    apply_keystream(key, &mut ciphertext);
    let hmac_hex = hex::encode(hmac_of(key, digest, &ciphertext));
    Sealed {
        ciphertext,
        hmac_hex,
    }
}

/// Verifies `hmac_hex` (any case) over `ciphertext` in constant time, then decrypts.
///
/// Compatibility source: credstash 1.17.1 `open_aes_ctr_legacy` / `_open_aes_ctr`:
/// the HMAC is checked with `constant_time.bytes_eq` before any decryption.
/// Hex that is not exactly the digest's length, or not hex, is
/// `CryptoError::MalformedHmac`; a well-formed tag that does not match is
/// `CryptoError::HmacMismatch`.
pub fn open(
    key: &DataKey,
    digest: Digest,
    ciphertext: &[u8],
    hmac_hex: &str,
) -> Result<SecretBytes, CryptoError> {
    // Hex of the wrong length or with non-hex characters is a format error,
    // distinct from a well-formed tag that does not match.
    if hmac_hex.len() != 2 * digest.output_len() {
        return Err(CryptoError::MalformedHmac);
    }
    let tag = hex::decode(hmac_hex).map_err(|_| CryptoError::MalformedHmac)?;
    let k = key.hmac_key();
    match digest {
        Digest::Sha1 => mac_verify::<Hmac<sha1::Sha1>>(k, ciphertext, &tag),
        Digest::Sha224 => mac_verify::<Hmac<sha2::Sha224>>(k, ciphertext, &tag),
        Digest::Sha256 => mac_verify::<Hmac<sha2::Sha256>>(k, ciphertext, &tag),
        Digest::Sha384 => mac_verify::<Hmac<sha2::Sha384>>(k, ciphertext, &tag),
        Digest::Sha512 => mac_verify::<Hmac<sha2::Sha512>>(k, ciphertext, &tag),
        Digest::Md5 => mac_verify::<Hmac<md5::Md5>>(k, ciphertext, &tag),
    }?;
    // Only an authenticated ciphertext is decrypted. The buffer becomes the
    // plaintext in place and moves into `SecretBytes` without another copy.
    let mut plaintext = ciphertext.to_vec();
    apply_keystream(key, &mut plaintext);
    Ok(SecretBytes::new(plaintext))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::digest::UnknownDigest;
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use proptest::prelude::*;

    /// FORMAT.md known-answer vector: data key = bytes 0x00..0x3f.
    fn kat_key() -> DataKey {
        let bytes: Vec<u8> = (0u8..64).collect();
        DataKey::from_slice(&bytes).unwrap()
    }

    const KAT_PLAINTEXT: &str = "correct horse battery staple — ünïcödé ✓";
    const KAT_CONTENTS: &str = "kzIE3C/a68XOmelCLeJUXHrI0KzMDPDJadjFUDjOEQ3ygOo96y4D7Db6cCrlHcHF";
    const KAT_SHA256: &str = "7aa08919f2d279d11d8bc5b4accd1f44843e4bbeb2328aac4a5d20a7daed92f5";
    const KAT_SHA512: &str = "189d3742f37707c812aa98c75025055a9c47052966b61e9d98f77d8aab07119c1603de4c6dee7c2791a497ec291e28446e8bc6a065ba466038c38ab13ae05449";
    const KAT_SHA1: &str = "7133f2ba462e1ef02123a6f9aa03da48ee3eca4d";
    const KAT_EMPTY_SHA256: &str =
        "f49240b78aa90e53f46106c3481e377e19696e777328b1cd6ec6061a0bd868a9";

    #[test]
    fn known_answer_plaintext_is_48_bytes() {
        assert_eq!(KAT_PLAINTEXT.len(), 48);
    }

    #[test]
    fn known_answer_vectors_seal() {
        let key = kat_key();
        for (digest, hmac) in [
            (Digest::Sha256, KAT_SHA256),
            (Digest::Sha512, KAT_SHA512),
            (Digest::Sha1, KAT_SHA1),
        ] {
            let sealed = seal(&key, digest, KAT_PLAINTEXT.as_bytes());
            assert_eq!(
                STANDARD.encode(&sealed.ciphertext),
                KAT_CONTENTS,
                "{digest}"
            );
            assert_eq!(sealed.hmac_hex, hmac, "{digest}");
        }
    }

    #[test]
    fn known_answer_vectors_open() {
        let key = kat_key();
        let ciphertext = STANDARD.decode(KAT_CONTENTS).unwrap();
        for (digest, hmac) in [
            (Digest::Sha256, KAT_SHA256),
            (Digest::Sha512, KAT_SHA512),
            (Digest::Sha1, KAT_SHA1),
        ] {
            let plain = open(&key, digest, &ciphertext, hmac).unwrap();
            assert_eq!(plain.expose(), KAT_PLAINTEXT.as_bytes(), "{digest}");
        }
    }

    #[test]
    fn known_answer_empty_plaintext() {
        let key = kat_key();
        let sealed = seal(&key, Digest::Sha256, b"");
        assert!(sealed.ciphertext.is_empty());
        assert_eq!(STANDARD.encode(&sealed.ciphertext), "");
        assert_eq!(sealed.hmac_hex, KAT_EMPTY_SHA256);
        let plain = open(&key, Digest::Sha256, &[], KAT_EMPTY_SHA256).unwrap();
        assert!(plain.is_empty());
    }

    #[test]
    fn ctr32le_would_differ_after_16_bytes() {
        let key = kat_key();
        let mut le = KAT_PLAINTEXT.as_bytes().to_vec();
        let mut cipher = ctr::Ctr32LE::<aes::Aes256>::new_from_slices(key.aes_key(), &IV).unwrap();
        cipher.apply_keystream(&mut le);
        let be = seal(&key, Digest::Sha256, KAT_PLAINTEXT.as_bytes()).ciphertext;
        assert_eq!(le[..16], be[..16]);
        assert_ne!(le[16..], be[16..]);
    }

    #[test]
    fn round_trips_every_digest_and_length() {
        let key = DataKey::generate().unwrap();
        for digest in Digest::ALL {
            for len in [0usize, 1, 16, 17, 1000] {
                let plain: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
                let sealed = seal(&key, digest, &plain);
                assert_eq!(sealed.ciphertext.len(), len);
                assert_eq!(sealed.hmac_hex.len(), 2 * digest.output_len());
                assert!(
                    sealed
                        .hmac_hex
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                );
                if len >= 16 {
                    assert_ne!(sealed.ciphertext, plain, "{digest} {len}");
                }
                let opened = open(&key, digest, &sealed.ciphertext, &sealed.hmac_hex).unwrap();
                assert_eq!(opened.expose(), plain.as_slice(), "{digest} {len}");
            }
        }
    }

    #[test]
    fn digest_output_lengths() {
        let lens: Vec<usize> = Digest::ALL.iter().map(|d| d.output_len()).collect();
        assert_eq!(lens, [20, 28, 32, 48, 64, 16]);
    }

    #[test]
    fn flipped_ciphertext_byte_is_refused() {
        let key = kat_key();
        let mut ciphertext = STANDARD.decode(KAT_CONTENTS).unwrap();
        for i in [0, 17, 47] {
            ciphertext[i] ^= 0x01;
            assert_eq!(
                open(&key, Digest::Sha256, &ciphertext, KAT_SHA256).err(),
                Some(CryptoError::HmacMismatch)
            );
            ciphertext[i] ^= 0x01;
        }
        assert!(open(&key, Digest::Sha256, &ciphertext, KAT_SHA256).is_ok());
    }

    #[test]
    fn flipped_hmac_char_is_refused() {
        let key = kat_key();
        let ciphertext = STANDARD.decode(KAT_CONTENTS).unwrap();
        let mut tampered = KAT_SHA256.as_bytes().to_vec();
        tampered[10] = if tampered[10] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_eq!(
            open(&key, Digest::Sha256, &ciphertext, &tampered).err(),
            Some(CryptoError::HmacMismatch)
        );
    }

    #[test]
    fn wrong_key_or_digest_is_refused() {
        let ciphertext = STANDARD.decode(KAT_CONTENTS).unwrap();
        let other = DataKey::from_slice(&[9u8; 64]).unwrap();
        assert_eq!(
            open(&other, Digest::Sha256, &ciphertext, KAT_SHA256).err(),
            Some(CryptoError::HmacMismatch)
        );
        // A SHA-256 tag read as SHA-512 has the wrong length.
        assert_eq!(
            open(&kat_key(), Digest::Sha512, &ciphertext, KAT_SHA256).err(),
            Some(CryptoError::MalformedHmac)
        );
    }

    #[test]
    fn truncated_or_non_hex_hmac_is_malformed() {
        let key = kat_key();
        let ciphertext = STANDARD.decode(KAT_CONTENTS).unwrap();
        for bad in [
            &KAT_SHA256[..62],
            &KAT_SHA256[..63],
            "",
            "zz",
            "7aa08919f2d279d11d8bc5b4accd1f44843e4bbeb2328aac4a5d20a7daed92fg",
            "7aa08919f2d279d11d8bc5b4accd1f44843e4bbeb2328aac4a5d20a7daed92f5 ",
        ] {
            assert_eq!(
                open(&key, Digest::Sha256, &ciphertext, bad).err(),
                Some(CryptoError::MalformedHmac),
                "{bad:?}"
            );
        }
        // Non-ASCII of the right byte length must not panic either.
        let wide = format!("{}é", &KAT_SHA256[..62]);
        assert_eq!(wide.len(), 64);
        assert_eq!(
            open(&key, Digest::Sha256, &ciphertext, &wide).err(),
            Some(CryptoError::MalformedHmac)
        );
    }

    #[test]
    fn uppercase_hmac_is_accepted() {
        let key = kat_key();
        let ciphertext = STANDARD.decode(KAT_CONTENTS).unwrap();
        let upper = KAT_SHA256.to_ascii_uppercase();
        assert_ne!(upper, KAT_SHA256);
        let plain = open(&key, Digest::Sha256, &ciphertext, &upper).unwrap();
        assert_eq!(plain.expose(), KAT_PLAINTEXT.as_bytes());
    }

    #[test]
    fn data_key_length_is_checked() {
        assert_eq!(
            DataKey::from_slice(&[0u8; 32]).unwrap_err(),
            CryptoError::BadDataKeyLength(32)
        );
        assert_eq!(
            DataKey::from_slice(&[0u8; 65]).unwrap_err(),
            CryptoError::BadDataKeyLength(65)
        );
        let key = DataKey::from_slice(&[7u8; 64]).unwrap();
        assert_eq!(key.as_bytes(), &[7u8; 64]);
    }

    #[test]
    fn generated_keys_differ() {
        let a = DataKey::generate().unwrap();
        let b = DataKey::generate().unwrap();
        assert_ne!(a.as_bytes(), b.as_bytes());
    }

    #[test]
    fn debug_is_redacted() {
        let key = DataKey::from_slice(&[0xabu8; 64]).unwrap();
        let shown = format!("{key:?}");
        assert_eq!(shown, "DataKey([redacted])");
        assert!(!shown.contains("171") && !shown.to_lowercase().contains("ab,"));
        let secret = open(
            &kat_key(),
            Digest::Sha256,
            &STANDARD.decode(KAT_CONTENTS).unwrap(),
            KAT_SHA256,
        )
        .unwrap();
        let shown = format!("{secret:?}");
        assert_eq!(shown, "[redacted]");
        assert!(!shown.contains("horse"));
    }

    #[test]
    fn digest_names_round_trip() {
        let names: Vec<&str> = Digest::ALL.iter().map(|d| d.name()).collect();
        assert_eq!(
            names,
            ["SHA", "SHA224", "SHA256", "SHA384", "SHA512", "MD5"]
        );
        for d in Digest::ALL {
            assert_eq!(d.name().parse::<Digest>(), Ok(d));
            assert_eq!(d.name().to_lowercase().parse::<Digest>(), Ok(d));
            assert_eq!(d.to_string(), d.name());
        }
        assert_eq!("SHA1".parse::<Digest>(), Ok(Digest::Sha1));
        assert_eq!("sha1".parse::<Digest>(), Ok(Digest::Sha1));
        assert_eq!("Sha256".parse::<Digest>(), Ok(Digest::Sha256));
        assert_eq!(Digest::default(), Digest::Sha256);
        assert_eq!(
            "SHA-256".parse::<Digest>(),
            Err(UnknownDigest("SHA-256".to_owned()))
        );
        assert!("".parse::<Digest>().is_err());
    }

    proptest! {
        #[test]
        fn open_never_panics(
            ciphertext in proptest::collection::vec(any::<u8>(), 0..200),
            hmac in "\\PC{0,130}",
            hexish in "[0-9a-fA-F]{0,130}",
            d in 0usize..6,
        ) {
            let key = kat_key();
            let digest = Digest::ALL[d];
            // Arbitrary input must be refused, never opened and never panic.
            prop_assert!(open(&key, digest, &ciphertext, &hmac).is_err());
            prop_assert!(open(&key, digest, &ciphertext, &hexish).is_err());
        }

        #[test]
        fn seal_open_round_trip(
            plain in proptest::collection::vec(any::<u8>(), 0..300),
            d in 0usize..6,
        ) {
            let key = kat_key();
            let digest = Digest::ALL[d];
            let sealed = seal(&key, digest, &plain);
            let opened = open(&key, digest, &sealed.ciphertext, &sealed.hmac_hex).unwrap();
            prop_assert_eq!(opened.expose(), plain.as_slice());
        }
    }
}
