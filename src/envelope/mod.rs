//! Envelope encryption of files and messages under a KMS data key: a streaming chunked
//! format (`credstore encrypt` / `decrypt`) and the KMS + Fernet message recipe.
//!
//! ENVELOPE.md is the contract. [`format`](mod@format) parses and writes the header, [`stream`] is the
//! chunked AEAD and `fernet` the Fernet tokens: all three are sync, pure and built
//! without the `aws` feature (the fuzz crate uses them). The functions here are the
//! async API: they ask a keyring ([`crate::kms::keyring::Keyring`]) for a fresh data key per message, and
//! stream over tokio's [`AsyncRead`] / [`AsyncWrite`] in bounded memory (one 64 KiB chunk
//! at a time), whatever the input's size.
//!
//! ```no_run
//! use credstore::{Access, Backend, EncryptionContext, Settings};
//! use credstore::envelope::{decrypt_stream, encrypt_stream};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // The embedded backend's master key (store.db.key); no database is opened.
//! let keyring = Backend::local("store.db").keyring(Access::Write, &Settings::default()).await?;
//! let mut context = EncryptionContext::new();
//! context.insert("purpose", "backup");
//! let mut sealed = Vec::new();
//! encrypt_stream(&keyring, &context, &mut &b"big file"[..], &mut sealed).await?;
//! let mut plain = Vec::new();
//! let opened = decrypt_stream(&keyring, Some(&context), &mut &sealed[..], &mut plain).await?;
//! assert_eq!(plain, b"big file");
//! assert_eq!(opened.context, context);
//! # Ok(()) }
//! ```

mod fernet;
// The sync format layers, public for the fuzz targets and tests (through
// `credstore::internals`), not for users.
#[doc(hidden)]
pub mod format;
#[doc(hidden)]
pub mod stream;

use crate::cause::ErrorKind;
use crate::kms::KeyError;
use crate::kms::keyring::Keyring;
use crate::model::context::EncryptionContext;
use crate::model::secret::SecretBytes;
use fernet::FernetKey;
pub use fernet::{FernetError, FernetMessage};
pub use format::FormatError;
use std::io;
use stream::{CHUNK_LEN, Opener, SEALED_CHUNK_LEN, Sealer};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use zeroize::Zeroizing;

/// Largest plaintext of a Fernet message: the recipe is for small messages, held whole in
/// memory; larger inputs belong in the streaming format.
pub(crate) const MAX_FERNET_LEN: usize = 4 * 1024 * 1024;

pub use crate::model::wrap::KeyWrap;

/// A refused header in one sentence: what is wrong and what to do, said once.
fn format_refusal(e: &FormatError) -> String {
    match e {
        FormatError::NotAnEnvelope => {
            format!("{e}: give decrypt a file that `credstore encrypt` wrote (or --format fernet)")
        }
        _ => format!("{e}; it is not an intact credstore envelope: use an intact copy"),
    }
}

/// Why an envelope could not be made or opened. Never carries key material or plaintext.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The header is missing, malformed or altered (exit 4).
    #[error("{}", format_refusal(.0))]
    Format(FormatError),
    /// The header's key commitment does not match the data key KMS returned (exit 4).
    #[error(
        "the header does not match its data key (key commitment); it was altered: use an intact copy"
    )]
    Commitment,
    /// A chunk failed authentication (exit 4).
    #[error(
        "chunk {index} failed authentication (altered, reordered, or data after the end); \
         output before it was verified, nothing after it was written: use an intact copy"
    )]
    Chunk {
        /// The index of the chunk, from 0.
        index: u64,
    },
    /// The input ends before its last chunk (exit 4).
    #[error(
        "it is truncated or altered: it ends after {chunks} verified chunks without its \
         final one; output before it was verified: use a complete copy"
    )]
    Truncated {
        /// Chunks verified before the end.
        chunks: u64,
    },
    /// The context given differs from the header's (exit 5).
    #[error(
        "it was encrypted under another encryption context (its header has keys: {}); pass \
         exactly the key=value pairs it was encrypted with, or none to use its header's",
        if header_keys.is_empty() { "none".to_string() } else { header_keys.join(", ") }
    )]
    ContextMismatch {
        /// The keys of the header's context (values are not shown).
        header_keys: Vec<String>,
    },
    /// The key service refused or failed (exit 5 when it refused).
    #[error(
        "{0}; check the encryption context (key=value arguments), the KMS key (-k) and your \
         permissions (kms:GenerateDataKey to encrypt, kms:Decrypt to decrypt)"
    )]
    Key(KeyError),
    /// A Fernet message or token is malformed or does not verify (exit 4).
    #[error("{0}; use an intact copy of the message")]
    Fernet(FernetError),
    /// The input could not be read (exit 1).
    #[error("cannot read it: {0}")]
    Read(io::Error),
    /// The output could not be written (exit 1).
    #[error("cannot write the output: {0}")]
    Write(io::Error),
    /// The input does not fit what was asked (exit 2).
    #[error("{0}")]
    InvalidInput(String),
    /// A bug: a state the code should never reach.
    #[error("internal error: {0}")]
    Internal(&'static str),
}

impl EnvelopeError {
    /// The class of this error (one per exit code of the CLI).
    pub fn kind(&self) -> ErrorKind {
        match self {
            EnvelopeError::Format(_)
            | EnvelopeError::Commitment
            | EnvelopeError::Chunk { .. }
            | EnvelopeError::Truncated { .. }
            | EnvelopeError::Fernet(_) => ErrorKind::Integrity,
            EnvelopeError::ContextMismatch { .. } => ErrorKind::KeyRefused,
            EnvelopeError::Key(KeyError::Refused(_) | KeyError::WrongKey { .. }) => {
                ErrorKind::KeyRefused
            }
            EnvelopeError::Key(KeyError::Unsupported(_)) => ErrorKind::Usage,
            EnvelopeError::Key(_) => ErrorKind::Other,
            EnvelopeError::InvalidInput(_) => ErrorKind::Usage,
            EnvelopeError::Read(_) | EnvelopeError::Write(_) | EnvelopeError::Internal(_) => {
                ErrorKind::Other
            }
        }
    }

    /// A format error of the header.
    pub(crate) fn from_format(e: FormatError) -> Self {
        EnvelopeError::Format(e)
    }
}

impl From<KeyError> for EnvelopeError {
    fn from(e: KeyError) -> Self {
        EnvelopeError::Key(e)
    }
}

/// What [`decrypt_stream`] found.
#[derive(Debug)]
#[non_exhaustive]
pub struct Opened {
    /// The encryption context of the header (KMS checked it).
    pub context: EncryptionContext,
    /// The wraps of the data key in the header.
    pub wraps: Vec<KeyWrap>,
    /// Plaintext bytes written.
    pub bytes: u64,
}

// -------------------------------------------------------------------------------------
// Streaming
// -------------------------------------------------------------------------------------

/// Reads into `buf[filled..]` until it is full or the input ends; returns the new fill.
async fn fill<R: AsyncRead + Unpin + ?Sized>(
    reader: &mut R,
    buf: &mut [u8],
    mut filled: usize,
) -> Result<usize, EnvelopeError> {
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]).await {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(EnvelopeError::Read(e)),
        }
    }
    Ok(filled)
}

/// Encrypts everything `reader` yields into `writer` as an envelope: a fresh data key from
/// the keyring (its key id, `-k`, and replica regions) under `context`, the header, then the
/// chunks. Memory stays bounded (two 1 MiB batches) whatever the input's size. Returns the
/// plaintext's length. `writer` is flushed, not shut down.
pub async fn encrypt_stream<R, W>(
    keyring: &Keyring,
    context: &EncryptionContext,
    reader: &mut R,
    writer: &mut W,
) -> Result<u64, EnvelopeError>
where
    R: AsyncRead + Unpin + ?Sized,
    W: AsyncWrite + Unpin + ?Sized,
{
    // The format's limits are checked before KMS is asked for anything.
    let probe = [KeyWrap {
        region: String::new(),
        key: String::new(),
        blob: vec![0],
    }];
    format::encode_prefix(context, &probe)
        .map_err(|e| EnvelopeError::InvalidInput(e.to_string()))?;
    let (data_key, wraps) = keyring.make_data_key(context).await?;
    let (header, key) = stream::seal_header(&data_key, context, &wraps)?;
    drop(data_key);
    writer
        .write_all(&header)
        .await
        .map_err(EnvelopeError::Write)?;
    let mut sealer = Sealer::new(key);
    // BATCH chunks and one byte of look-ahead (is the last chunk read the last one?) in,
    // the same chunks sealed out: one read and one write per batch, not per chunk.
    let cap = BATCH * CHUNK_LEN + 1;
    let mut input = Zeroizing::new(vec![0u8; cap]);
    // Holds plaintext until the batch is sealed: wiped when dropped.
    let mut output = Zeroizing::new(Vec::with_capacity(BATCH * SEALED_CHUNK_LEN));
    let mut filled = 0;
    let mut total = 0u64;
    loop {
        filled = fill(reader, &mut input, filled).await?;
        let end = filled < cap;
        output.clear();
        let mut pos = 0;
        // A chunk followed by at least one more byte is not the last. Each chunk is laid
        // out with room for its tag, then the batch is sealed in place, in parallel.
        while filled - pos > CHUNK_LEN {
            output.extend_from_slice(&input[pos..pos + CHUNK_LEN]);
            output.extend_from_slice(&[0; stream::TAG_LEN]);
            pos += CHUNK_LEN;
        }
        if end {
            output.extend_from_slice(&input[pos..filled]);
            output.extend_from_slice(&[0; stream::TAG_LEN]);
            pos = filled;
        }
        sealer.seal_slots(&mut output, end)?;
        total += pos as u64;
        writer
            .write_all(&output)
            .await
            .map_err(EnvelopeError::Write)?;
        if end {
            break;
        }
        input.copy_within(pos..filled, 0);
        filled -= pos;
    }
    writer.flush().await.map_err(EnvelopeError::Write)?;
    Ok(total)
}

/// Chunks per read and write of the streaming functions (1 MiB of plaintext): fewer trips
/// through the I/O layer; memory stays bounded by two batches.
const BATCH: usize = 16;

/// Reads an envelope's header from `reader`; returns it and the bytes read past it.
async fn read_header<R: AsyncRead + Unpin + ?Sized>(
    reader: &mut R,
) -> Result<(format::Header, Vec<u8>), EnvelopeError> {
    let mut head = Vec::with_capacity(4096);
    let mut piece = [0u8; 4096];
    loop {
        match format::parse(&head) {
            Ok(header) => {
                let rest = head.split_off(header.len);
                return Ok((header, rest));
            }
            Err(FormatError::Incomplete) => {}
            Err(e) => return Err(EnvelopeError::Format(e)),
        }
        let n = fill(reader, &mut piece, 0).await?;
        if n == 0 {
            return Err(EnvelopeError::Format(if head.is_empty() {
                FormatError::NotAnEnvelope
            } else {
                FormatError::Incomplete
            }));
        }
        head.extend_from_slice(&piece[..n]);
    }
}

/// Decrypts an envelope from `reader` into `writer`, in bounded memory.
///
/// `expected`: `None` accepts the header's context (KMS still enforces it); `Some` must
/// equal it exactly, else [`EnvelopeError::ContextMismatch`] before KMS is called.
/// Each chunk is verified before its plaintext is written, so on an error `writer` holds
/// only verified chunks, but not all of them: a caller writing to a file must discard it
/// (the CLI writes to a temporary file and renames it only on success).
pub async fn decrypt_stream<R, W>(
    keyring: &Keyring,
    expected: Option<&EncryptionContext>,
    reader: &mut R,
    writer: &mut W,
) -> Result<Opened, EnvelopeError>
where
    R: AsyncRead + Unpin + ?Sized,
    W: AsyncWrite + Unpin + ?Sized,
{
    let (header, rest) = read_header(reader).await?;
    if let Some(expected) = expected {
        if *expected != header.context {
            return Err(EnvelopeError::ContextMismatch {
                header_keys: header.context.as_map().keys().cloned().collect(),
            });
        }
    }
    let data_key = keyring
        .open_data_key(&header.wraps, &header.context)
        .await?;
    let mut opener = Opener::new(stream::open_header(&data_key, &header)?);
    drop(data_key);
    let cap = BATCH * SEALED_CHUNK_LEN + 1;
    // Decrypted in place, so the input buffer holds plaintext too: wiped when dropped.
    let mut input = Zeroizing::new(vec![0u8; cap]);
    let mut output = Zeroizing::new(Vec::with_capacity(BATCH * CHUNK_LEN));
    // The header is read 4 KiB at a time, so what came after it fits the buffer.
    let mut filled = rest.len();
    input
        .get_mut(..filled)
        .ok_or(EnvelopeError::Internal("header read-ahead too long"))?
        .copy_from_slice(&rest);
    let mut total = 0u64;
    loop {
        filled = fill(reader, &mut input, filled).await?;
        let end = filled < cap;
        output.clear();
        // A sealed chunk followed by at least one more byte is not the last. The batch is
        // verified and decrypted in place, in parallel; only if every chunk of it
        // verified does its plaintext reach `output` (a failure writes nothing of it).
        let pos = if end {
            filled
        } else {
            (filled - 1) / SEALED_CHUNK_LEN * SEALED_CHUNK_LEN
        };
        let lens = opener.open_slots(&mut input[..pos], end)?;
        for (slot, len) in input[..pos].chunks(SEALED_CHUNK_LEN).zip(lens) {
            output.extend_from_slice(&slot[..len]);
        }
        total += output.len() as u64;
        writer
            .write_all(&output)
            .await
            .map_err(EnvelopeError::Write)?;
        if end {
            break;
        }
        input.copy_within(pos..filled, 0);
        filled -= pos;
    }
    writer.flush().await.map_err(EnvelopeError::Write)?;
    Ok(Opened {
        context: header.context,
        wraps: header.wraps,
        bytes: total,
    })
}

// -------------------------------------------------------------------------------------
// Fernet messages
// -------------------------------------------------------------------------------------

/// Encrypts a small message with the KMS + Fernet recipe: a 32-byte KMS data key under the
/// keyring's key id and `context`, its base64url as the Fernet key.
pub async fn encrypt_message(
    keyring: &Keyring,
    context: &EncryptionContext,
    plaintext: &[u8],
) -> Result<FernetMessage, EnvelopeError> {
    if plaintext.len() > MAX_FERNET_LEN {
        return Err(too_large());
    }
    let generated = keyring
        .service()
        .generate_key_bytes(keyring.key_id(), context, fernet::KEY_LEN)
        .await?;
    let key = FernetKey::from_bytes(&generated.plaintext).map_err(EnvelopeError::Fernet)?;
    Ok(FernetMessage {
        encrypted_data_key: fernet::encode(&generated.wrapped),
        encrypted_message: fernet::encrypt(&key, plaintext)?,
    })
}

/// Opens a KMS + Fernet message: KMS Decrypt of the data key under `context` (the recipe
/// does not carry it: the sender and receiver agree on it), then the token.
pub async fn decrypt_message(
    keyring: &Keyring,
    context: &EncryptionContext,
    message: &FernetMessage,
) -> Result<SecretBytes, EnvelopeError> {
    let blob = fernet::decode_any(&message.encrypted_data_key)
        .filter(|b| !b.is_empty())
        .ok_or(EnvelopeError::Fernet(FernetError::Malformed))?;
    let bytes = keyring.service().decrypt_key_bytes(&blob, context).await?;
    let key =
        FernetKey::from_bytes(&bytes).map_err(|_| EnvelopeError::Fernet(FernetError::BadKey))?;
    let plaintext =
        fernet::decrypt(&key, &message.encrypted_message).map_err(EnvelopeError::Fernet)?;
    Ok(SecretBytes::new(plaintext.to_vec()))
}

fn too_large() -> EnvelopeError {
    EnvelopeError::InvalidInput(format!(
        "the Fernet format is for messages up to {} MiB; encrypt larger inputs in the default \
         format (without --format fernet)",
        MAX_FERNET_LEN / (1024 * 1024)
    ))
}
