//! The envelope header: its byte layout, a strict parser and the one serializer.
//!
//! Layout (ENVELOPE.md "Header"), every integer big-endian:
//!
//! ```text
//! magic "CREDSENV" (8) | version 0x01 (1)
//! context: count u16, then per pair (sorted by key, keys unique and non-empty):
//!          key_len u16, key (UTF-8), value_len u16, value (UTF-8)
//! wraps:   count u8 (1..=16), then per wrap:
//!          region_len u8, region (UTF-8), key_len u16, key (UTF-8), blob_len u16, blob
//!          (the first wrap is the home wrap, whose blob is never empty)
//! header_hash (32) = SHA-256 of every byte above
//! commitment (32)  = HKDF-Expand(PRK, "credstore envelope v1 commitment")
//! ```
//!
//! The parser is sync and pure (no KMS, no I/O) so it can be fuzzed; it accepts exactly
//! the bytes [`encode_prefix`] produces, so a header has one encoding.

use crate::model::context::EncryptionContext;
use crate::model::wrap::is_region_name;
pub use crate::model::wrap::{KeyWrap, MAX_WRAPS};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;

/// The first bytes of every envelope.
pub const MAGIC: &[u8; 8] = b"CREDSENV";
/// The format version this code writes and reads.
pub const VERSION: u8 = 1;
/// Length of the header hash and of the key commitment.
pub const HASH_LEN: usize = 32;
/// Most context pairs a header may carry.
pub const MAX_CONTEXT_PAIRS: usize = 256;
/// Most bytes of context (keys and values together); KMS itself allows 8,192.
pub const MAX_CONTEXT_BYTES: usize = 16_384;
/// Longest region name.
pub const MAX_REGION_LEN: usize = 64;
/// Longest key name (a key ARN is about 100 bytes).
pub const MAX_KEY_LEN: usize = 2_048;
/// Longest wrapped key (a KMS ciphertext blob is at most 6,144 bytes).
pub const MAX_BLOB_LEN: usize = 8_192;
/// Longest possible header; a reader never buffers more than this before the body.
pub const MAX_HEADER_LEN: usize = 9
    + 2
    + MAX_CONTEXT_PAIRS * 4
    + MAX_CONTEXT_BYTES
    + 1
    + MAX_WRAPS * (1 + MAX_REGION_LEN + 2 + MAX_KEY_LEN + 2 + MAX_BLOB_LEN)
    + 2 * HASH_LEN;

/// Why a header was refused. Never carries key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The bytes end before the header does (a reader reads more and tries again).
    #[error("the header is cut short")]
    Incomplete,
    /// The input does not start with the envelope magic.
    #[error("it is not a credstore envelope (no CREDSENV header)")]
    NotAnEnvelope,
    /// A version this code does not read.
    #[error("envelope format version {0} is not supported (this credstore reads version 1)")]
    UnsupportedVersion(u8),
    /// A field breaks the layout's rules.
    #[error("the header is malformed: {0}")]
    Malformed(&'static str),
    /// The header hash does not match the header's bytes.
    #[error("the header's checksum does not match (the header was altered or corrupted)")]
    HashMismatch,
    /// What the writer was given does not fit the format's limits.
    #[error("{0}")]
    Limit(String),
}

/// A parsed header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The encryption context the data key was wrapped under.
    pub context: EncryptionContext,
    /// The wraps of the data key; the first is the home wrap.
    pub wraps: Vec<KeyWrap>,
    /// SHA-256 of the header's bytes before it (the HKDF salt).
    pub hash: [u8; HASH_LEN],
    /// The key commitment stored in the header.
    pub commitment: [u8; HASH_LEN],
    /// The header's length in bytes; the body starts there.
    pub len: usize,
}

/// Serializes the header up to (not including) its hash, checking every limit.
pub fn encode_prefix(
    context: &EncryptionContext,
    wraps: &[KeyWrap],
) -> Result<Vec<u8>, FormatError> {
    let limit = |what: String| Err(FormatError::Limit(what));
    let pairs = context.as_map();
    if pairs.len() > MAX_CONTEXT_PAIRS {
        return limit(format!(
            "the encryption context has {} pairs; an envelope holds at most {MAX_CONTEXT_PAIRS}",
            pairs.len()
        ));
    }
    let context_bytes: usize = pairs.iter().map(|(k, v)| k.len() + v.len()).sum();
    if context_bytes > MAX_CONTEXT_BYTES {
        return limit(format!(
            "the encryption context has {context_bytes} bytes; an envelope holds at most {MAX_CONTEXT_BYTES}"
        ));
    }
    if pairs.keys().any(String::is_empty) {
        return limit("an encryption context key is empty".into());
    }
    if wraps.is_empty() || wraps.len() > MAX_WRAPS {
        return limit(format!(
            "{} wraps of the data key; an envelope holds 1 to {MAX_WRAPS}",
            wraps.len()
        ));
    }
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    put_u16(&mut out, pairs.len());
    for (k, v) in pairs {
        put_u16(&mut out, k.len());
        out.extend_from_slice(k.as_bytes());
        put_u16(&mut out, v.len());
        out.extend_from_slice(v.as_bytes());
    }
    out.push(u8::try_from(wraps.len()).unwrap_or(u8::MAX));
    for (index, wrap) in wraps.iter().enumerate() {
        if wrap.region.len() > MAX_REGION_LEN
            || (!wrap.region.is_empty() && !is_region_name(&wrap.region))
            || wrap.key.len() > MAX_KEY_LEN
            || !blob_len_ok(index, wrap.blob.len())
        {
            return limit(format!(
                "a wrap of the data key does not fit an envelope (a region name up to {MAX_REGION_LEN} \
                 bytes, key up to {MAX_KEY_LEN}, wrapped key up to {MAX_BLOB_LEN}, the home \
                 wrap's not empty)"
            ));
        }
        out.push(u8::try_from(wrap.region.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(wrap.region.as_bytes());
        put_u16(&mut out, wrap.key.len());
        out.extend_from_slice(wrap.key.as_bytes());
        put_u16(&mut out, wrap.blob.len());
        out.extend_from_slice(&wrap.blob);
    }
    Ok(out)
}

/// The home wrap (the first) carries a blob; a replica wrap's may be empty, meaning "the
/// home wrap's blob" (a multi-Region key's replica opens it in its own region).
fn blob_len_ok(index: usize, len: usize) -> bool {
    len <= MAX_BLOB_LEN && (index > 0 || len > 0)
}

/// SHA-256 of a header prefix (the stored header hash, and the HKDF salt).
pub fn header_hash(prefix: &[u8]) -> [u8; HASH_LEN] {
    Sha256::digest(prefix).into()
}

/// Lengths are checked by the caller against limits far below `u16::MAX`.
fn put_u16(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u16::try_from(n).unwrap_or(u16::MAX).to_be_bytes());
}

/// A cursor over the input that reports running off its end as [`FormatError::Incomplete`].
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.at.checked_add(n).ok_or(FormatError::Incomplete)?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(FormatError::Incomplete)?;
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<usize, FormatError> {
        let b = self.take(2)?;
        Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
    }

    fn text(&mut self, len: usize, what: &'static str) -> Result<String, FormatError> {
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| FormatError::Malformed(what))
    }

    fn array(&mut self) -> Result<[u8; HASH_LEN], FormatError> {
        let mut out = [0u8; HASH_LEN];
        out.copy_from_slice(self.take(HASH_LEN)?);
        Ok(out)
    }
}

/// Parses a header from the start of `bytes` (which may go on into the body).
///
/// Returns [`FormatError::Incomplete`] when `bytes` ends inside the header and could still
/// become a valid one; any other error is final. The header hash is checked here; the
/// commitment can only be checked with the data key.
pub fn parse(bytes: &[u8]) -> Result<Header, FormatError> {
    // The magic is checked on whatever part of it has arrived, so that a stream of
    // anything else is refused at once rather than buffered.
    let seen = bytes.len().min(MAGIC.len());
    if bytes[..seen] != MAGIC[..seen] {
        return Err(FormatError::NotAnEnvelope);
    }
    let mut c = Cursor { bytes, at: 0 };
    c.take(MAGIC.len())?;
    let version = c.u8()?;
    if version != VERSION {
        return Err(FormatError::UnsupportedVersion(version));
    }
    let pairs = c.u16()?;
    if pairs > MAX_CONTEXT_PAIRS {
        return Err(FormatError::Malformed("too many context pairs"));
    }
    let mut map = BTreeMap::new();
    let mut context_bytes = 0usize;
    let mut previous: Option<String> = None;
    for _ in 0..pairs {
        let key_len = c.u16()?;
        let key = c.text(key_len, "a context key is not UTF-8")?;
        let value_len = c.u16()?;
        let value = c.text(value_len, "a context value is not UTF-8")?;
        context_bytes += key_len + value_len;
        if context_bytes > MAX_CONTEXT_BYTES {
            return Err(FormatError::Malformed("the context is too large"));
        }
        if key.is_empty() {
            return Err(FormatError::Malformed("a context key is empty"));
        }
        if previous.as_ref().is_some_and(|p| *p >= key) {
            return Err(FormatError::Malformed(
                "context keys are not sorted and unique",
            ));
        }
        previous = Some(key.clone());
        map.insert(key, value);
    }
    let wrap_count = usize::from(c.u8()?);
    if wrap_count == 0 || wrap_count > MAX_WRAPS {
        return Err(FormatError::Malformed("the number of wraps is not 1 to 16"));
    }
    let mut wraps = Vec::with_capacity(wrap_count);
    for index in 0..wrap_count {
        let region_len = usize::from(c.u8()?);
        if region_len > MAX_REGION_LEN {
            return Err(FormatError::Malformed("a region name is too long"));
        }
        let region = c.text(region_len, "a region name is not UTF-8")?;
        // The region becomes a KMS endpoint host: a file's author must not choose the host
        // the reader's signed Decrypt goes to ("" is the embedded backend's wrap).
        if !region.is_empty() && !is_region_name(&region) {
            return Err(FormatError::Malformed(
                "a wrap's region is not an AWS region name",
            ));
        }
        let key_len = c.u16()?;
        if key_len > MAX_KEY_LEN {
            return Err(FormatError::Malformed("a key name is too long"));
        }
        let key = c.text(key_len, "a key name is not UTF-8")?;
        let blob_len = c.u16()?;
        if !blob_len_ok(index, blob_len) {
            return Err(FormatError::Malformed(
                "a wrapped key is too long, or the home wrap's is empty",
            ));
        }
        let blob = c.take(blob_len)?.to_vec();
        wraps.push(KeyWrap { region, key, blob });
    }
    let prefix_len = c.at;
    let hash = c.array()?;
    let commitment = c.array()?;
    // Not constant time: the hash is a checksum of public bytes, not a secret.
    if header_hash(&bytes[..prefix_len]) != hash {
        return Err(FormatError::HashMismatch);
    }
    Ok(Header {
        context: EncryptionContext::from_map(map),
        wraps,
        hash,
        commitment,
        len: c.at,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sample() -> (EncryptionContext, Vec<KeyWrap>) {
        let mut context = EncryptionContext::new();
        context.insert("app", "billing");
        context.insert("env", "prod");
        let wraps = vec![
            KeyWrap {
                region: "us-east-1".into(),
                key: "arn:aws:kms:us-east-1:111122223333:key/mrk-1".into(),
                blob: vec![7; 40],
            },
            KeyWrap {
                region: "eu-west-1".into(),
                key: String::new(),
                blob: vec![9; 3],
            },
        ];
        (context, wraps)
    }

    fn full(context: &EncryptionContext, wraps: &[KeyWrap]) -> Vec<u8> {
        let mut bytes = encode_prefix(context, wraps).unwrap();
        let hash = header_hash(&bytes);
        bytes.extend_from_slice(&hash);
        bytes.extend_from_slice(&[0xCC; HASH_LEN]);
        bytes
    }

    /// A wrap's region becomes a KMS endpoint host: a header naming anything but a region
    /// name (or "" for the embedded backend) is malformed, whatever its checksum says.
    #[test]
    fn a_wrap_region_must_be_a_region_name() {
        let (context, mut wraps) = sample();
        for bad in [
            "x@127.0.0.1:9/",
            "evil.example/",
            "us-east-1.evil",
            "US-EAST-1",
        ] {
            wraps[1].region = bad.into();
            assert!(matches!(
                encode_prefix(&context, &wraps),
                Err(FormatError::Limit(_))
            ));
            // Written around the encoder, as a file's author can.
            wraps[1].region = "eu-west-1".into();
            let good = full(&context, &wraps);
            let at = good.windows(9).position(|w| w == b"eu-west-1").unwrap();
            let mut prefix = good[..at - 1].to_vec();
            prefix.push(u8::try_from(bad.len()).unwrap());
            prefix.extend_from_slice(bad.as_bytes());
            let prefix_end = good.len() - 2 * HASH_LEN;
            prefix.extend_from_slice(&good[at + 9..prefix_end]);
            let hash = header_hash(&prefix);
            prefix.extend_from_slice(&hash);
            prefix.extend_from_slice(&[0xCC; HASH_LEN]);
            assert_eq!(
                parse(&prefix).unwrap_err(),
                FormatError::Malformed("a wrap's region is not an AWS region name"),
                "{bad}"
            );
        }
        wraps[1].region = String::new();
        let bytes = full(&context, &wraps);
        assert_eq!(parse(&bytes).unwrap().wraps[1].region, "");
    }

    #[test]
    fn round_trips_and_reports_its_length() {
        let (context, wraps) = sample();
        let mut bytes = full(&context, &wraps);
        let len = bytes.len();
        bytes.extend_from_slice(b"body follows");
        let header = parse(&bytes).unwrap();
        assert_eq!(header.context, context);
        assert_eq!(header.wraps, wraps);
        assert_eq!(header.len, len);
        assert_eq!(header.commitment, [0xCC; HASH_LEN]);
    }

    #[test]
    fn every_prefix_is_incomplete_and_every_flip_refused() {
        let (context, wraps) = sample();
        let bytes = full(&context, &wraps);
        for cut in 0..bytes.len() {
            assert_eq!(
                parse(&bytes[..cut]),
                Err(FormatError::Incomplete),
                "cut {cut}"
            );
        }
        // A flipped byte anywhere before the commitment is refused by the parser (the
        // commitment itself is checked against the data key).
        for at in 0..bytes.len() - HASH_LEN {
            let mut bad = bytes.clone();
            bad[at] ^= 0x01;
            assert!(parse(&bad).is_err(), "flip at {at} accepted");
        }
    }

    #[test]
    fn refuses_other_inputs_at_once() {
        assert_eq!(
            parse(b"age-encryption.org/v1"),
            Err(FormatError::NotAnEnvelope)
        );
        assert_eq!(parse(b"CRX"), Err(FormatError::NotAnEnvelope));
        assert_eq!(
            parse(b"CREDSENV\x02"),
            Err(FormatError::UnsupportedVersion(2))
        );
    }

    #[test]
    fn refuses_unsorted_or_duplicate_context_keys() {
        let wraps = sample().1;
        let mut context = EncryptionContext::new();
        context.insert("a", "1");
        context.insert("b", "2");
        let good = encode_prefix(&context, &wraps).unwrap();
        // Swap the two pairs by hand: "b" then "a".
        let mut swapped = good[..11].to_vec();
        swapped.extend_from_slice(&good[17..23]);
        swapped.extend_from_slice(&good[11..17]);
        swapped.extend_from_slice(&good[23..]);
        let hash = header_hash(&swapped);
        swapped.extend_from_slice(&hash);
        swapped.extend_from_slice(&[0; HASH_LEN]);
        assert_eq!(
            parse(&swapped),
            Err(FormatError::Malformed(
                "context keys are not sorted and unique"
            ))
        );
    }

    proptest::proptest! {
        /// What the fuzz target checks, in miniature: no panic on any bytes or on a valid
        /// header with bytes overwritten, and whatever is accepted re-encodes to itself.
        #[test]
        fn parsing_never_panics_and_accepts_only_canonical_bytes(
            junk in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            at in 0usize..400,
            overwrite in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..4),
        ) {
            let _ = parse(&junk);
            let (context, wraps) = sample();
            let mut bytes = full(&context, &wraps);
            let at = at % bytes.len();
            for (i, b) in overwrite.iter().enumerate() {
                if let Some(slot) = bytes.get_mut(at + i) {
                    *slot = *b;
                }
            }
            if let Ok(header) = parse(&bytes) {
                let prefix = encode_prefix(&header.context, &header.wraps).unwrap();
                proptest::prop_assert_eq!(&bytes[..header.len - 2 * HASH_LEN], &prefix[..]);
            }
        }
    }

    #[test]
    fn the_writer_checks_limits() {
        let (context, _) = sample();
        assert!(matches!(
            encode_prefix(&context, &[]),
            Err(FormatError::Limit(_))
        ));
        let empty_blob = [KeyWrap {
            region: String::new(),
            key: String::new(),
            blob: Vec::new(),
        }];
        assert!(
            encode_prefix(&context, &empty_blob).is_err(),
            "the home wrap has a blob"
        );
        // A replica wrap may have none (a multi-Region key's replica opens the home blob).
        let mut wraps = sample().1;
        wraps[1].blob.clear();
        let bytes = full(&context, &wraps);
        assert_eq!(parse(&bytes).unwrap().wraps, wraps);
        assert!(full(&context, &sample().1).len() < MAX_HEADER_LEN);
    }
}
