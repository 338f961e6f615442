//! The chunked AEAD of an envelope's body: key derivation, key commitment and the STREAM
//! construction (as age uses it) over AES-256-GCM. Sync and pure.
//!
//! - `PRK = HKDF-Extract(salt = header hash, IKM = the 64-byte data key)` (HKDF-SHA256);
//!   the payload key is `HKDF-Expand(PRK, "credstore envelope v1 payload key", 32)` and
//!   the commitment `HKDF-Expand(PRK, "credstore envelope v1 commitment", 32)`.
//! - The body is the plaintext cut into 64 KiB chunks, each sealed with AES-256-GCM
//!   under the nonce `counter (11 bytes, big-endian, from 0) || last flag (0x00 or 0x01)`
//!   and no associated data. The last chunk (flag 0x01) holds 0 to 64 KiB, and is empty
//!   only when the whole plaintext is; every other chunk holds exactly 64 KiB.
//!
//! Compatibility source: ENVELOPE.md; the STREAM construction of Hoang, Reyhanitabar,
//! Rogaway and Vizár ("Online authenticated-encryption and its nonce-reuse
//! misuse-resistance", 2015) as age's `age/src/primitives/stream.rs` applies it.

use super::format::{self, HASH_LEN, Header};
use super::{EnvelopeError, KeyWrap};
use crate::crypto::DataKey;
use crate::model::context::EncryptionContext;
use hkdf::Hkdf;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, Tag, UnboundKey};
use sha2::Sha256;
use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// Plaintext bytes per chunk (the last chunk may hold fewer).
pub const CHUNK_LEN: usize = 64 * 1024;
/// AES-GCM tag length.
pub const TAG_LEN: usize = 16;
/// Bytes of a sealed full chunk.
pub const SEALED_CHUNK_LEN: usize = CHUNK_LEN + TAG_LEN;

/// HKDF info of the payload key.
const PAYLOAD_INFO: &[u8] = b"credstore envelope v1 payload key";
/// HKDF info of the key commitment.
const COMMITMENT_INFO: &[u8] = b"credstore envelope v1 commitment";

/// The AES-256-GCM key of one envelope's body. `Debug` prints nothing of it.
///
/// The cipher is ring's AES-256-GCM (any AES-256-GCM gives the same bytes: the
/// known-answer vectors of ENVELOPE.md, which the tests also recompute with Python's
/// `cryptography`, pass unchanged): its assembly uses the CPU's wide AES and carry-less
/// multiply instructions, about three times faster here than RustCrypto's `aes-gcm`.
pub struct PayloadKey(LessSafeKey);

impl PayloadKey {
    fn new(key: &[u8]) -> Result<Self, EnvelopeError> {
        UnboundKey::new(&AES_256_GCM, key)
            .map(|k| PayloadKey(LessSafeKey::new(k)))
            .map_err(|_| EnvelopeError::Internal("AES-256-GCM refused the payload key"))
    }

    /// Encrypts `chunk` in place under `nonce`; returns the tag.
    fn seal(&self, nonce: [u8; 12], chunk: &mut [u8]) -> Result<[u8; TAG_LEN], EnvelopeError> {
        let tag = self
            .0
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), chunk)
            .map_err(|_| EnvelopeError::Internal("AES-GCM refused a chunk"))?;
        let mut out = [0u8; TAG_LEN];
        out.copy_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Verifies `tag` and decrypts `body` in place under `nonce`; false when it fails.
    fn open(&self, nonce: [u8; 12], body: &mut [u8], tag: &[u8]) -> bool {
        let Ok(tag) = <[u8; TAG_LEN]>::try_from(tag) else {
            return false;
        };
        self.0
            .open_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::empty(),
                Tag::from(tag),
                body,
                0..,
            )
            .is_ok()
    }
}

impl fmt::Debug for PayloadKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PayloadKey([redacted])")
    }
}

/// Derives the payload key and the key commitment of a header from its data key.
pub fn derive(
    data_key: &DataKey,
    header_hash: &[u8; HASH_LEN],
) -> Result<(PayloadKey, [u8; HASH_LEN]), EnvelopeError> {
    let hkdf = Hkdf::<Sha256>::new(Some(header_hash), data_key.as_bytes());
    let mut key = Zeroizing::new([0u8; 32]);
    let mut commitment = [0u8; HASH_LEN];
    // Expanding to 32 bytes cannot fail (the limit is 255 * 32).
    let _ = hkdf.expand(PAYLOAD_INFO, key.as_mut_slice());
    let _ = hkdf.expand(COMMITMENT_INFO, &mut commitment);
    Ok((PayloadKey::new(key.as_slice())?, commitment))
}

/// Checks the commitment of `header` against the data key and returns the payload key.
pub fn open_header(data_key: &DataKey, header: &Header) -> Result<PayloadKey, EnvelopeError> {
    let (key, commitment) = derive(data_key, &header.hash)?;
    if bool::from(commitment.ct_eq(&header.commitment)) {
        Ok(key)
    } else {
        Err(EnvelopeError::Commitment)
    }
}

/// The nonce of chunk `counter`: 3 zero bytes, the counter as 8 big-endian bytes (an
/// 11-byte big-endian counter), then the last-chunk flag.
pub fn nonce(counter: u64, last: bool) -> [u8; 12] {
    let mut nonce = [0u8; 12];
    nonce[3..11].copy_from_slice(&counter.to_be_bytes());
    nonce[11] = u8::from(last);
    nonce
}

/// Seals chunks in order. After the last chunk it refuses more.
#[derive(Debug)]
pub struct Sealer {
    key: PayloadKey,
    counter: u64,
    finished: bool,
    workers: usize,
}

impl Sealer {
    /// A sealer starting at chunk 0.
    pub fn new(key: PayloadKey) -> Self {
        Sealer {
            key,
            counter: 0,
            finished: false,
            workers: workers(),
        }
    }

    /// Encrypts `chunk` in place and returns its tag. A chunk that is not the last must
    /// hold exactly [`CHUNK_LEN`] bytes; the last holds at most that, and may be empty
    /// only as the first chunk (the empty message).
    pub fn seal(&mut self, chunk: &mut [u8], last: bool) -> Result<[u8; TAG_LEN], EnvelopeError> {
        let shape_ok = if last {
            chunk.len() <= CHUNK_LEN && (!chunk.is_empty() || self.counter == 0)
        } else {
            chunk.len() == CHUNK_LEN
        };
        if self.finished || !shape_ok {
            return Err(EnvelopeError::Internal(
                "a chunk of the wrong size or after the last one",
            ));
        }
        let tag = self.key.seal(nonce(self.counter, last), chunk)?;
        self.advance(last)?;
        Ok(tag)
    }

    /// Seals a batch in place, on several threads: `slots` holds consecutive slots of
    /// [`SEALED_CHUNK_LEN`] bytes (a chunk's plaintext, then room for its tag), the final
    /// slot possibly shorter (at least the tag's room). `last` says whether the final slot
    /// is the message's last chunk; otherwise every slot must be full.
    pub fn seal_slots(&mut self, slots: &mut [u8], last: bool) -> Result<(), EnvelopeError> {
        let count = slots.len().div_ceil(SEALED_CHUNK_LEN);
        let final_len = slots.len() - count.saturating_sub(1) * SEALED_CHUNK_LEN;
        let shape_ok = count > 0
            && final_len >= TAG_LEN
            && if last {
                final_len > TAG_LEN || (self.counter == 0 && count == 1)
            } else {
                final_len == SEALED_CHUNK_LEN
            };
        if self.finished || !shape_ok {
            return Err(EnvelopeError::Internal(
                "a chunk of the wrong size or after the last one",
            ));
        }
        let (key, base) = (&self.key, self.counter);
        in_parallel(slots, self.workers, |first, part, has_final| {
            let parts = part.chunks_mut(SEALED_CHUNK_LEN);
            let n = parts.len();
            for (i, slot) in parts.enumerate() {
                let counter = base + (first + i) as u64;
                let (body, room) = slot.split_at_mut(slot.len() - TAG_LEN);
                let tag = key.seal(nonce(counter, last && has_final && i + 1 == n), body)?;
                room.copy_from_slice(&tag);
            }
            Ok(())
        })?;
        self.counter = self
            .counter
            .checked_add(count as u64)
            .ok_or(EnvelopeError::Internal("the chunk counter overflowed"))?;
        self.finished = last;
        Ok(())
    }

    fn advance(&mut self, last: bool) -> Result<(), EnvelopeError> {
        self.finished = last;
        self.counter = self
            .counter
            .checked_add(1)
            .ok_or(EnvelopeError::Internal("the chunk counter overflowed"))?;
        Ok(())
    }
}

/// Opens chunks in order, each verified before its plaintext is released.
#[derive(Debug)]
pub struct Opener {
    key: PayloadKey,
    counter: u64,
    finished: bool,
    workers: usize,
}

impl Opener {
    /// An opener starting at chunk 0.
    pub fn new(key: PayloadKey) -> Self {
        Opener {
            key,
            counter: 0,
            finished: false,
            workers: workers(),
        }
    }

    /// Chunks opened so far.
    pub fn chunks(&self) -> u64 {
        self.counter
    }

    /// Whether the last chunk has been opened.
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// Verifies and decrypts one sealed chunk (ciphertext then tag) in place; returns the
    /// plaintext's length (the sealed length minus the tag). `last` says whether the input
    /// ends after this chunk. A chunk that fails is reported by its index: the input was
    /// truncated, reordered, extended or altered, and nothing of it is released.
    pub fn open(&mut self, sealed: &mut [u8], last: bool) -> Result<usize, EnvelopeError> {
        let index = self.counter;
        if self.finished {
            return Err(EnvelopeError::Chunk { index });
        }
        let len = open_chunk(&self.key, index, last, sealed)?;
        self.finished = last;
        self.counter = self
            .counter
            .checked_add(1)
            .ok_or(EnvelopeError::Internal("the chunk counter overflowed"))?;
        Ok(len)
    }

    /// Verifies and decrypts, in place and on several threads, a batch of sealed chunks:
    /// consecutive [`SEALED_CHUNK_LEN`]-byte chunks, the final one possibly shorter; `last`
    /// says whether the input ends after it. Returns the plaintext length of each chunk
    /// (at the start of its slot). On a failure the error names the first failing chunk,
    /// and nothing of the batch may be released.
    pub fn open_slots(
        &mut self,
        sealed: &mut [u8],
        last: bool,
    ) -> Result<Vec<usize>, EnvelopeError> {
        let base = self.counter;
        if self.finished {
            return Err(EnvelopeError::Chunk { index: base });
        }
        if sealed.is_empty() {
            return Err(if last {
                EnvelopeError::Truncated { chunks: base }
            } else {
                EnvelopeError::Internal("an empty batch that is not the last")
            });
        }
        let count = sealed.len().div_ceil(SEALED_CHUNK_LEN);
        let key = &self.key;
        in_parallel(sealed, self.workers, |first, part, has_final| {
            let parts = part.chunks_mut(SEALED_CHUNK_LEN);
            let n = parts.len();
            for (i, slot) in parts.enumerate() {
                let is_last = last && has_final && i + 1 == n;
                open_chunk(key, base + (first + i) as u64, is_last, slot)?;
            }
            Ok(())
        })?;
        let final_len = sealed.len() - (count - 1) * SEALED_CHUNK_LEN - TAG_LEN;
        self.counter = self
            .counter
            .checked_add(count as u64)
            .ok_or(EnvelopeError::Internal("the chunk counter overflowed"))?;
        self.finished = last;
        let mut lens = vec![CHUNK_LEN; count];
        if let Some(end) = lens.last_mut() {
            *end = final_len;
        }
        Ok(lens)
    }
}

/// Verifies and decrypts chunk `index` in place; returns its plaintext length. The chunk
/// must be full unless it is the last; the last is empty only as the first.
fn open_chunk(
    key: &PayloadKey,
    index: u64,
    last: bool,
    sealed: &mut [u8],
) -> Result<usize, EnvelopeError> {
    let len = sealed
        .len()
        .checked_sub(TAG_LEN)
        .ok_or(EnvelopeError::Truncated { chunks: index })?;
    let shape_ok = if last {
        len <= CHUNK_LEN && (len > 0 || index == 0)
    } else {
        len == CHUNK_LEN
    };
    if !shape_ok {
        // A last chunk of the wrong shape: the input was cut after a full chunk.
        return Err(if last {
            EnvelopeError::Truncated { chunks: index }
        } else {
            EnvelopeError::Chunk { index }
        });
    }
    let (body, tag) = sealed.split_at_mut(len);
    if !key.open(nonce(index, last), body, tag) {
        return Err(if last {
            // The input ends here: either this chunk was altered, or chunks after it were
            // cut off (a full chunk that is not marked last).
            EnvelopeError::Truncated { chunks: index }
        } else {
            EnvelopeError::Chunk { index }
        });
    }
    Ok(len)
}

/// Runs `work` over `slots` cut at chunk boundaries into up to `workers` parts, on scoped
/// threads (the calling thread takes the last part). `work` gets the index of the part's
/// first chunk, the part, and whether the part holds the final slot. The first failure
/// in chunk order is returned.
fn in_parallel<F>(slots: &mut [u8], workers: usize, work: F) -> Result<(), EnvelopeError>
where
    F: Fn(usize, &mut [u8], bool) -> Result<(), EnvelopeError> + Sync,
{
    let count = slots.len().div_ceil(SEALED_CHUNK_LEN);
    // Under two chunks per worker, a thread costs more than it saves.
    let parts = workers.min(count / 2).max(1);
    if parts == 1 {
        return work(0, slots, true);
    }
    let per_part = count.div_ceil(parts);
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(parts);
        let mut rest = slots;
        let mut first = 0;
        while rest.len() > per_part * SEALED_CHUNK_LEN {
            let (part, tail) = rest.split_at_mut(per_part * SEALED_CHUNK_LEN);
            let work = &work;
            let start = first;
            handles.push(scope.spawn(move || work(start, part, false)));
            rest = tail;
            first += per_part;
        }
        let mine = work(first, rest, true);
        let mut result = Ok(());
        for handle in handles {
            let outcome = handle
                .join()
                .unwrap_or(Err(EnvelopeError::Internal("a worker thread panicked")));
            if result.is_ok() {
                result = outcome;
            }
        }
        result.and(mine)
    })
}

/// How many threads seal or open a batch: the available cores, at most 4.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Builds a whole header (prefix, hash, commitment) for `data_key` and returns it with the
/// payload key.
pub fn seal_header(
    data_key: &DataKey,
    context: &EncryptionContext,
    wraps: &[KeyWrap],
) -> Result<(Vec<u8>, PayloadKey), EnvelopeError> {
    let mut header = format::encode_prefix(context, wraps).map_err(EnvelopeError::Format)?;
    let hash = format::header_hash(&header);
    let (key, commitment) = derive(data_key, &hash)?;
    header.extend_from_slice(&hash);
    header.extend_from_slice(&commitment);
    Ok((header, key))
}

/// Seals a whole message in memory (for tests, test vectors and small inputs); the streaming
/// form is [`super::encrypt_stream`].
pub fn seal_all(
    data_key: &DataKey,
    context: &EncryptionContext,
    wraps: &[KeyWrap],
    plaintext: &[u8],
) -> Result<Vec<u8>, EnvelopeError> {
    let (mut out, key) = seal_header(data_key, context, wraps)?;
    let mut sealer = Sealer::new(key);
    let mut chunks = plaintext.chunks(CHUNK_LEN).peekable();
    if chunks.peek().is_none() {
        let tag = sealer.seal(&mut [], true)?;
        out.extend_from_slice(&tag);
    }
    while let Some(chunk) = chunks.next() {
        let start = out.len();
        out.extend_from_slice(chunk);
        let last = chunks.peek().is_none();
        let tag = sealer.seal(&mut out[start..], last)?;
        out.extend_from_slice(&tag);
    }
    Ok(out)
}

/// Opens a whole message in memory with a known data key (for tests and test vectors); the
/// streaming form is [`super::decrypt_stream`].
pub fn open_all(
    data_key: &DataKey,
    envelope: &[u8],
) -> Result<(Header, Zeroizing<Vec<u8>>), EnvelopeError> {
    let header = format::parse(envelope).map_err(EnvelopeError::from_format)?;
    let mut opener = Opener::new(open_header(data_key, &header)?);
    let mut body = Zeroizing::new(envelope[header.len..].to_vec());
    let mut plaintext = Zeroizing::new(Vec::with_capacity(body.len()));
    let mut rest: &mut [u8] = &mut body;
    loop {
        let last = rest.len() <= SEALED_CHUNK_LEN;
        let take = rest.len().min(SEALED_CHUNK_LEN);
        let (chunk, tail) = rest.split_at_mut(take);
        let len = opener.open(chunk, last)?;
        plaintext.extend_from_slice(&chunk[..len]);
        rest = tail;
        if last {
            return Ok((header, plaintext));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sha2::Digest as _;

    fn key() -> DataKey {
        let bytes: Vec<u8> = (0u8..64).collect();
        DataKey::from_slice(&bytes).unwrap()
    }

    fn context() -> EncryptionContext {
        let mut c = EncryptionContext::new();
        c.insert("purpose", "test-vector");
        c
    }

    fn wraps() -> Vec<KeyWrap> {
        vec![KeyWrap {
            region: "us-east-1".into(),
            key: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                .into(),
            blob: b"wrapped-data-key".to_vec(),
        }]
    }

    /// The plaintext of the multi-chunk vector: byte i is i mod 251.
    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    fn seal(plaintext: &[u8]) -> Vec<u8> {
        seal_all(&key(), &context(), &wraps(), plaintext).unwrap()
    }

    fn open(envelope: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
        open_all(&key(), envelope).map(|(_, p)| p.to_vec())
    }

    /// Known-answer vectors, also printed in ENVELOPE.md "Test vectors".
    #[test]
    fn known_answer_vectors() {
        let empty = seal(b"");
        let hello = seal(b"hello, envelope\n");
        let header_len = empty.len() - TAG_LEN;
        assert_eq!(
            hex::encode(&empty[..header_len - 2 * HASH_LEN]),
            include_str!("vectors/header-prefix.hex").trim()
        );
        assert_eq!(
            hex::encode(&empty[header_len - 2 * HASH_LEN..]),
            include_str!("vectors/empty.hex").trim()
        );
        assert_eq!(
            hex::encode(&hello[header_len..]),
            include_str!("vectors/hello.hex").trim()
        );
        let long = seal(&pattern(2 * CHUNK_LEN + 5));
        assert_eq!(long.len(), header_len + 2 * SEALED_CHUNK_LEN + 5 + TAG_LEN);
        assert_eq!(
            hex::encode(sha2::Sha256::digest(&long)),
            include_str!("vectors/pattern-131077.sha256").trim()
        );
        assert_eq!(open(&long).unwrap(), pattern(2 * CHUNK_LEN + 5));
    }

    #[test]
    fn round_trips_at_chunk_boundaries() {
        for len in [
            0,
            1,
            CHUNK_LEN - 1,
            CHUNK_LEN,
            CHUNK_LEN + 1,
            2 * CHUNK_LEN - 1,
            2 * CHUNK_LEN,
            2 * CHUNK_LEN + 1,
            3 * CHUNK_LEN,
        ] {
            let plaintext = pattern(len);
            let sealed = seal(&plaintext);
            let chunks = len.div_ceil(CHUNK_LEN).max(1);
            assert_eq!(
                sealed.len(),
                seal(b"").len() - TAG_LEN + len + chunks * TAG_LEN,
                "length of {len}"
            );
            assert_eq!(open(&sealed).unwrap(), plaintext, "round trip of {len}");
        }
    }

    #[test]
    fn truncation_at_every_chunk_boundary_and_inside_is_refused() {
        let sealed = seal(&pattern(3 * CHUNK_LEN));
        let header_len = seal(b"").len() - TAG_LEN;
        for chunks in 0..3 {
            for cut in [0, 1, TAG_LEN, SEALED_CHUNK_LEN - 1] {
                let end = header_len + chunks * SEALED_CHUNK_LEN + cut;
                let err = open(&sealed[..end]).unwrap_err();
                assert!(
                    matches!(err, EnvelopeError::Truncated { .. }),
                    "cut at {end}: {err:?}"
                );
            }
        }
        // Cut inside the header.
        for end in [0, 5, 9, header_len - 1] {
            assert!(matches!(
                open(&sealed[..end]).unwrap_err(),
                EnvelopeError::Format(_) | EnvelopeError::Truncated { .. }
            ));
        }
    }

    #[test]
    fn flipped_bytes_reordered_and_appended_chunks_are_refused() {
        let plaintext = pattern(2 * CHUNK_LEN + 10);
        let sealed = seal(&plaintext);
        let header_len = seal(b"").len() - TAG_LEN;
        for at in (0..sealed.len())
            .step_by(4093)
            .chain([header_len - 1, sealed.len() - 1])
        {
            let mut bad = sealed.clone();
            bad[at] ^= 0x80;
            assert!(open(&bad).is_err(), "flip at {at} accepted");
        }
        // Every header byte (the commitment included).
        for at in 0..header_len {
            let mut bad = sealed.clone();
            bad[at] ^= 0x01;
            assert!(open(&bad).is_err(), "header flip at {at} accepted");
        }
        // Swap chunks 0 and 1.
        let (c0, c1) = (header_len, header_len + SEALED_CHUNK_LEN);
        let mut swapped = sealed[..c0].to_vec();
        swapped.extend_from_slice(&sealed[c1..c1 + SEALED_CHUNK_LEN]);
        swapped.extend_from_slice(&sealed[c0..c1]);
        swapped.extend_from_slice(&sealed[c1 + SEALED_CHUNK_LEN..]);
        assert!(matches!(
            open(&swapped).unwrap_err(),
            EnvelopeError::Chunk { index: 0 }
        ));
        // Appended bytes, and an appended copy of the last chunk.
        for extra in [&b"x"[..], &sealed[c1 + SEALED_CHUNK_LEN..]] {
            let mut longer = sealed.clone();
            longer.extend_from_slice(extra);
            assert!(open(&longer).is_err(), "extension accepted");
        }
    }

    #[test]
    fn a_wrong_data_key_is_caught_by_the_commitment() {
        let sealed = seal(b"secret");
        let wrong = DataKey::from_slice(&[1u8; 64]).unwrap();
        assert!(matches!(
            open_all(&wrong, &sealed).unwrap_err(),
            EnvelopeError::Commitment
        ));
    }

    #[test]
    fn an_empty_last_chunk_after_full_ones_is_refused() {
        let (mut out, payload) = seal_header(&key(), &context(), &wraps()).unwrap();
        let mut sealer = Sealer::new(payload);
        let mut chunk = pattern(CHUNK_LEN);
        let tag = sealer.seal(&mut chunk, false).unwrap();
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&tag);
        assert!(sealer.seal(&mut [], true).is_err(), "the writer refuses it");
        // Forge it with a second sealer at counter 1: the reader refuses it too.
        let (_, payload) = seal_header(&key(), &context(), &wraps()).unwrap();
        let mut forger = Sealer::new(payload);
        forger.counter = 1;
        forger.finished = false;
        let tag = forger.key.seal(nonce(1, true), &mut []).unwrap();
        out.extend_from_slice(&tag);
        assert!(matches!(
            open(&out).unwrap_err(),
            EnvelopeError::Truncated { chunks: 1 }
        ));
    }

    /// The batched, multi-threaded path (what the streaming functions use) makes the same
    /// bytes as the one-chunk-at-a-time path, opens them, and names the first bad chunk.
    #[test]
    fn batches_on_several_threads_match_single_chunks() {
        let plaintext = pattern(5 * CHUNK_LEN + 9);
        let expected = seal(&plaintext);
        for workers in [1, 2, 3, 4] {
            let (mut out, payload) = seal_header(&key(), &context(), &wraps()).unwrap();
            let header_len = out.len();
            let mut sealer = Sealer::new(payload);
            sealer.workers = workers;
            let mut slots = Vec::new();
            for chunk in plaintext.chunks(CHUNK_LEN) {
                slots.extend_from_slice(chunk);
                slots.extend_from_slice(&[0; TAG_LEN]);
            }
            // Two batches: 4 full chunks, then the last two.
            let (first, second) = slots.split_at_mut(4 * SEALED_CHUNK_LEN);
            sealer.seal_slots(first, false).unwrap();
            sealer.seal_slots(second, true).unwrap();
            out.extend_from_slice(&slots);
            assert_eq!(out, expected, "{workers} workers");

            let header = format::parse(&out).unwrap();
            let mut opener = Opener::new(open_header(&key(), &header).unwrap());
            opener.workers = workers;
            let mut body = out[header_len..].to_vec();
            let lens = opener.open_slots(&mut body, true).unwrap();
            assert_eq!(
                lens,
                [CHUNK_LEN, CHUNK_LEN, CHUNK_LEN, CHUNK_LEN, CHUNK_LEN, 9]
            );
            let opened: Vec<u8> = body
                .chunks(SEALED_CHUNK_LEN)
                .zip(lens)
                .flat_map(|(slot, len)| slot[..len].to_vec())
                .collect();
            assert_eq!(opened, plaintext);

            for bad_chunk in [0, 2, 5] {
                let mut body = out[header_len..].to_vec();
                body[bad_chunk * SEALED_CHUNK_LEN + 3] ^= 1;
                let mut opener = Opener::new(open_header(&key(), &header).unwrap());
                opener.workers = workers;
                let err = opener.open_slots(&mut body, true).unwrap_err();
                let index = match err {
                    EnvelopeError::Chunk { index } => index,
                    EnvelopeError::Truncated { chunks } => chunks,
                    other => panic!("{other:?}"),
                };
                assert_eq!(index, bad_chunk as u64, "{workers} workers");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn any_plaintext_round_trips(
            len in prop_oneof![0usize..300, (CHUNK_LEN - 3)..(CHUNK_LEN + 3), 0usize..(3 * CHUNK_LEN)],
            seed in any::<u8>(),
        ) {
            let plaintext: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(31) ^ seed).collect();
            let sealed = seal(&plaintext);
            prop_assert_eq!(open(&sealed).unwrap(), plaintext);
        }
    }
}
