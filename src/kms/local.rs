//! The embedded key service: data keys wrapped by a local master key with AES-256-GCM.
//!
//! The master key is 32 random bytes in a small text file (`credstore-master-key-v1`
//! then base64), created 0600 and never overwritten; it is read only from a regular
//! file (not a link) of the effective user that no one else may read or change.
//! A wrapped data key is
//! `version (1 byte) || nonce (12 bytes) || AES-256-GCM(data key) || tag (16 bytes)`,
//! with the encryption context authenticated as associated data, so a wrong or altered
//! context is refused exactly as KMS refuses it.

use super::{GeneratedBytes, GeneratedKey, KeyError, KeyService, Rewrapped, Wrapped};
use crate::crypto::{DATA_KEY_LEN, DataKey};
use crate::model::context::EncryptionContext;
use crate::private_file::{self, Distrust};
use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// First line of a master key file; names the format so it can evolve.
const HEADER: &str = "credstore-master-key-v1";
/// Length of the master key in bytes (AES-256).
const MASTER_KEY_LEN: usize = 32;
/// Format version byte leading every wrapped data key.
const WRAP_VERSION: u8 = 1;
/// AES-GCM nonce length.
const NONCE_LEN: usize = 12;
/// AES-GCM tag length.
const TAG_LEN: usize = 16;
/// Exact length of a wrapped data key.
const WRAPPED_LEN: usize = 1 + NONCE_LEN + DATA_KEY_LEN + TAG_LEN;
/// Prefix of the associated data: binds the ciphertext to this use (and format
/// version), so a GCM ciphertext made for anything else under the same key never
/// passes as a data key. The NUL ends the domain before the context bytes.
const AAD_DOMAIN: &[u8] = b"credstore local data key v1\0";
/// Upper bound on a master key file's size; anything larger is not ours.
const MAX_FILE_LEN: u64 = 4096;
/// Permission bits a master key file must not have: no access at all for group or others.
const PRIVATE: u32 = 0o077;

/// The message of every unwrap failure: GCM cannot tell which input was wrong.
const REFUSED: &str = "the local master key refused the data key: wrong encryption context, or the record was altered";

/// A key service backed by a local master key file. `Debug` does not print the key.
pub struct LocalKeyService {
    /// Where the master key came from (for messages).
    path: PathBuf,
    /// The master key; wiped on drop.
    key: Zeroizing<[u8; MASTER_KEY_LEN]>,
}

impl fmt::Debug for LocalKeyService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalKeyService")
            .field("path", &self.path)
            .field("key", &"[redacted]")
            .finish()
    }
}

impl LocalKeyService {
    /// Opens the master key at `path`, creating it (32 random bytes, mode 0600) when it
    /// does not exist. An existing file is never overwritten: when two processes race to
    /// create it, the loser reads the winner's key. The parent directory must exist.
    pub fn open_or_create(path: &Path) -> Result<Self, KeyError> {
        match create_key_file(path) {
            Ok(key) => Ok(LocalKeyService {
                path: path.to_path_buf(),
                key,
            }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Self::open(path),
            Err(e) => Err(KeyError::MasterKey(format!(
                "cannot create the master key file {}: {e}",
                path.display()
            ))),
        }
    }

    /// Opens an existing master key (read-only commands). Refuses a missing or malformed
    /// file, and (like ssh does for private keys) a file that is a symbolic link or not a
    /// regular file, belongs to another user, or that group or others may read or change.
    pub fn open(path: &Path) -> Result<Self, KeyError> {
        let shown = path.display();
        // Opened without following links or blocking (a FIFO is refused, not waited on);
        // the checks are of the open handle, so the checked file is the one read.
        let (mut file, meta) = match private_file::open_trusted(path, PRIVATE) {
            Ok(opened) => opened,
            Err(Distrust::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                return Err(KeyError::MasterKey(format!(
                    "no master key at {shown}: run `credstore --local DB setup` or put a secret first"
                )));
            }
            Err(Distrust::Io(e)) => {
                return Err(KeyError::MasterKey(format!(
                    "cannot read the master key file {shown}: {e}"
                )));
            }
            Err(distrust) => {
                return Err(KeyError::MasterKey(
                    distrust.message("the master key file", path),
                ));
            }
        };
        if meta.len() > MAX_FILE_LEN {
            return Err(malformed(path, "the file is too large"));
        }
        // Sized up front so reading never reallocates (and leaves no unwiped copy).
        let capacity = usize::try_from(meta.len()).unwrap_or(0);
        let mut text = Zeroizing::new(String::with_capacity(capacity));
        file.read_to_string(&mut text).map_err(|e| {
            KeyError::MasterKey(format!("cannot read the master key file {shown}: {e}"))
        })?;
        let key = parse_key_file(&text).map_err(|why| malformed(path, why))?;
        Ok(LocalKeyService {
            path: path.to_path_buf(),
            key,
        })
    }

    /// The path of the master key file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Wraps `plaintext` under the master key with `context` as associated data:
    /// `version || nonce || ciphertext || tag`.
    fn wrap(&self, plaintext: &DataKey, context: &EncryptionContext) -> Result<Vec<u8>, KeyError> {
        self.wrap_bytes(plaintext.as_bytes(), context)
    }

    /// [`LocalKeyService::wrap`] for key bytes of any length.
    fn wrap_bytes(
        &self,
        plaintext: &[u8],
        context: &EncryptionContext,
    ) -> Result<Vec<u8>, KeyError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::getrandom(&mut nonce)
            .map_err(|e| KeyError::Unavailable(format!("the system random source failed: {e}")))?;
        // Encrypt in place in a buffer that starts as a copy of the plaintext key; it
        // holds only ciphertext once the call succeeds, and is wiped if it fails.
        let mut buffer = Zeroizing::new(plaintext.to_vec());
        let tag = self
            .cipher()
            .encrypt_in_place_detached(
                Nonce::from_slice(&nonce),
                &associated_data(context),
                &mut buffer,
            )
            .map_err(|_| KeyError::Unavailable("AES-GCM failed to wrap the data key".into()))?;
        let mut wrapped = Vec::with_capacity(1 + NONCE_LEN + buffer.len() + TAG_LEN);
        wrapped.push(WRAP_VERSION);
        wrapped.extend_from_slice(&nonce);
        wrapped.extend_from_slice(&buffer);
        wrapped.extend_from_slice(&tag);
        Ok(wrapped)
    }

    /// Unwraps key bytes of any length wrapped by [`LocalKeyService::wrap_bytes`].
    fn unwrap_bytes(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let refused = || KeyError::refused(REFUSED);
        if wrapped.len() <= 1 + NONCE_LEN + TAG_LEN {
            return Err(refused());
        }
        let (version, rest) = wrapped.split_at(1);
        if version != [WRAP_VERSION] {
            return Err(refused());
        }
        let (nonce, rest) = rest.split_at(NONCE_LEN);
        let (ciphertext, tag) = rest.split_at(rest.len() - TAG_LEN);
        // Decrypt in a zeroizing buffer so the plaintext key leaves no unwiped copy.
        let mut buffer = Zeroizing::new(ciphertext.to_vec());
        self.cipher()
            .decrypt_in_place_detached(
                Nonce::from_slice(nonce),
                &associated_data(context),
                &mut buffer,
                Tag::from_slice(tag),
            )
            .map_err(|_| refused())?;
        Ok(buffer)
    }

    /// The AEAD under the master key. Built per call rather than kept, so the only
    /// long-lived copy of the key is the zeroizing array.
    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(self.key.as_slice().into())
    }
}

/// Associated data for a wrapped key: the domain string, then the canonical context.
fn associated_data(context: &EncryptionContext) -> Vec<u8> {
    let mut aad = AAD_DOMAIN.to_vec();
    aad.extend_from_slice(&context.canonical_bytes());
    aad
}

#[async_trait::async_trait]
impl KeyService for LocalKeyService {
    /// `key_id` is ignored: the embedded backend has exactly one master key (the file),
    /// and the key id names a KMS key that does not exist here. Accepting it keeps `-k`
    /// and the default `alias/credstash` harmless with `--local`; nothing about the id is
    /// stored, so unwrapping never depends on it either (as with symmetric KMS keys).
    async fn generate_data_key(
        &self,
        _key_id: &str,
        context: &EncryptionContext,
    ) -> Result<GeneratedKey, KeyError> {
        let plaintext = DataKey::generate().map_err(|e| KeyError::Unavailable(e.to_string()))?;
        let wrapped = self.wrap(&plaintext, context)?;
        Ok(GeneratedKey {
            plaintext,
            wrapped,
            key: None,
        })
    }

    async fn decrypt_data_key(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<DataKey, KeyError> {
        let refused = || KeyError::refused(REFUSED);
        if wrapped.len() != WRAPPED_LEN {
            return Err(refused());
        }
        let buffer = self.unwrap_bytes(wrapped, context)?;
        DataKey::from_slice(&buffer).map_err(|_| refused())
    }

    /// Unwraps under `from_context` and wraps again under `to_context` with a fresh
    /// nonce, inside this service (the plaintext is wiped on drop, never returned).
    /// `to_key` is ignored: there is one master key; no key is named in the result.
    async fn re_encrypt(
        &self,
        wrapped: &[u8],
        from_context: &EncryptionContext,
        _to_key: &str,
        to_context: &EncryptionContext,
    ) -> Result<Rewrapped, KeyError> {
        let plaintext = self.decrypt_data_key(wrapped, from_context).await?;
        let wrapped = self.wrap(&plaintext, to_context)?;
        Ok(Rewrapped {
            wrapped,
            source_key: None,
            key: None,
        })
    }

    /// `key_id` is ignored, as for [`KeyService::generate_data_key`].
    async fn encrypt_data_key(
        &self,
        _key_id: &str,
        plaintext: &DataKey,
        context: &EncryptionContext,
    ) -> Result<Wrapped, KeyError> {
        Ok(Wrapped {
            blob: self.wrap(plaintext, context)?,
            key: None,
        })
    }

    fn has_key_ids(&self) -> bool {
        false
    }

    /// Key bytes of any length (1 to 1024), wrapped like a data key: the same layout with
    /// the key's length in place of 64, the same associated data. `key_id` is ignored.
    async fn generate_key_bytes(
        &self,
        _key_id: &str,
        context: &EncryptionContext,
        len: usize,
    ) -> Result<GeneratedBytes, KeyError> {
        if !(1..=1024).contains(&len) {
            return Err(KeyError::refused(format!(
                "the local master key wraps 1 to 1024 key bytes, not {len}"
            )));
        }
        let mut plaintext = Zeroizing::new(vec![0u8; len]);
        getrandom::getrandom(&mut plaintext)
            .map_err(|e| KeyError::Unavailable(format!("the system random source failed: {e}")))?;
        let wrapped = self.wrap_bytes(&plaintext, context)?;
        Ok(GeneratedBytes { plaintext, wrapped })
    }

    async fn decrypt_key_bytes(
        &self,
        wrapped: &[u8],
        context: &EncryptionContext,
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        self.unwrap_bytes(wrapped, context)
    }
}

/// Creates the key file atomically: the key is written to a private temporary file,
/// then hard-linked to `path`, which fails if `path` exists. So `path` never exists
/// half-written and is never replaced. Returns `AlreadyExists` when someone else won.
fn create_key_file(path: &Path) -> io::Result<Zeroizing<[u8; MASTER_KEY_LEN]>> {
    if path.exists() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let mut key = Zeroizing::new([0u8; MASTER_KEY_LEN]);
    getrandom::getrandom(key.as_mut_slice()).map_err(|e| io::Error::other(e.to_string()))?;
    // Built in wiped buffers: the encoded key must not linger in freed memory.
    let encoded = Zeroizing::new(STANDARD.encode(key.as_slice()));
    let mut text = Zeroizing::new(String::with_capacity(HEADER.len() + encoded.len() + 2));
    text.push_str(HEADER);
    text.push('\n');
    text.push_str(&encoded);
    text.push('\n');

    let temp = temp_path(path)?;
    let written = write_private(&temp, text.as_bytes());
    let linked = written.and_then(|()| fs::hard_link(&temp, path));
    // The temporary name is only a staging area; remove it whatever happened.
    let _ = fs::remove_file(&temp);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        // Some file systems have no hard links: fall back to create_new on the final
        // name. It still never overwrites; a concurrent reader could see a partial
        // file, which it reports as malformed rather than misusing.
        Err(e) if hard_links_unsupported(&e) => write_private(path, text.as_bytes())?,
        Err(e) => return Err(e),
    }
    sync_parent(path);
    Ok(key)
}

/// Whether a hard-link error means "this file system cannot do that".
fn hard_links_unsupported(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
    )
}

/// A fresh temporary name next to `path` (same directory, so it can be linked).
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    let mut suffix = [0u8; 8];
    getrandom::getrandom(&mut suffix).map_err(|e| io::Error::other(e.to_string()))?;
    let mut name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?
        .to_os_string();
    name.push(format!(
        ".tmp-{}-{}",
        std::process::id(),
        hex::encode(suffix)
    ));
    Ok(path.with_file_name(name))
}

/// Writes `bytes` to a new file (never an existing one) with mode 0600, and syncs it.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = private_file::create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Best effort: make the new directory entry durable. Failure only weakens durability.
fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        let dir = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
    }
}

/// A "malformed key file" error naming the path and the reason (never the content).
fn malformed(path: &Path, why: &str) -> KeyError {
    KeyError::MasterKey(format!(
        "the master key file {} is malformed: {why}; restore it from a backup \
         (secrets written under another key cannot be read without it)",
        path.display()
    ))
}

/// Parses `HEADER\n<base64 of 32 bytes>\n` (trailing whitespace tolerated).
fn parse_key_file(text: &str) -> Result<Zeroizing<[u8; MASTER_KEY_LEN]>, &'static str> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some(HEADER) {
        return Err("the first line is not \"credstore-master-key-v1\"");
    }
    let encoded = lines.next().map(str::trim).unwrap_or_default();
    if lines.any(|line| !line.trim().is_empty()) {
        return Err("unexpected text after the key line");
    }
    let decoded = Zeroizing::new(
        STANDARD
            .decode(encoded)
            .map_err(|_| "the key line is not valid base64")?,
    );
    let mut key = Zeroizing::new([0u8; MASTER_KEY_LEN]);
    if decoded.len() != MASTER_KEY_LEN {
        return Err("the key is not 32 bytes long");
    }
    key.copy_from_slice(&decoded);
    Ok(key)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn context(pairs: &[(&str, &str)]) -> EncryptionContext {
        EncryptionContext::from_map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        )
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn creates_a_private_key_file_and_never_overwrites_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.key");
        let first = LocalKeyService::open_or_create(&path).unwrap();
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("credstore-master-key-v1\n"), "{text:?}");

        let second = LocalKeyService::open_or_create(&path).unwrap();
        assert_eq!(*first.key, *second.key);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            text,
            "file was rewritten"
        );
        let reopened = LocalKeyService::open(&path).unwrap();
        assert_eq!(*first.key, *reopened.key);
        // No staging files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn racing_creators_all_get_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("race.key");
        let barrier = std::sync::Barrier::new(8);
        let keys: Vec<[u8; MASTER_KEY_LEN]> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        *LocalKeyService::open_or_create(&path).unwrap().key
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(keys.iter().all(|k| *k == keys[0]));
        assert_eq!(*LocalKeyService::open(&path).unwrap().key, keys[0]);
    }

    #[test]
    fn debug_does_not_print_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let service = LocalKeyService::open_or_create(&dir.path().join("k")).unwrap();
        let shown = format!("{service:?}");
        assert!(shown.contains("[redacted]"));
        assert!(!shown.contains(&STANDARD.encode(service.key.as_slice())));
        assert!(!shown.contains(&format!("{:?}", service.key.as_slice())));
    }

    #[test]
    fn open_refuses_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.key");
        let err = LocalKeyService::open(&path).unwrap_err();
        assert!(matches!(err, KeyError::MasterKey(_)));
        let msg = err.to_string();
        assert!(msg.contains("no master key at"), "{msg}");
        assert!(msg.contains("missing.key"), "{msg}");
        assert!(!path.exists(), "open must not create the file");
    }

    #[test]
    fn open_or_create_needs_the_parent_directory() {
        let dir = tempfile::tempdir().unwrap();
        let err = LocalKeyService::open_or_create(&dir.path().join("nope/db.key")).unwrap_err();
        assert!(matches!(err, KeyError::MasterKey(_)), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn open_refuses_a_file_others_can_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.key");
        LocalKeyService::open_or_create(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let msg = LocalKeyService::open(&path).unwrap_err().to_string();
        assert!(msg.contains("chmod 600"), "{msg}");
        // open_or_create reads an existing file through the same checks.
        let msg = LocalKeyService::open_or_create(&path)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("chmod 600"), "{msg}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        LocalKeyService::open(&path).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn open_refuses_links_and_special_files_without_blocking() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.key");
        LocalKeyService::open_or_create(&real).unwrap();
        // A link to a good key is still refused: the link is not followed.
        let link = dir.path().join("link.key");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        for result in [
            LocalKeyService::open(&link),
            LocalKeyService::open_or_create(&link),
        ] {
            let msg = result.unwrap_err().to_string();
            assert!(msg.contains("symbolic link"), "{msg}");
            assert!(msg.contains("link.key"), "{msg}");
        }
        // Nothing ever writes to this FIFO: a blocking open would never return.
        let fifo = dir.path().join("fifo.key");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        for result in [
            LocalKeyService::open(&fifo),
            LocalKeyService::open_or_create(&fifo),
        ] {
            let err = result.unwrap_err();
            assert!(matches!(err, KeyError::MasterKey(_)), "{err}");
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        // Writable by the group only (not readable) is refused too.
        fs::set_permissions(&real, fs::Permissions::from_mode(0o620)).unwrap();
        let msg = LocalKeyService::open(&real).unwrap_err().to_string();
        assert!(msg.contains("0620") && msg.contains("chmod 600"), "{msg}");
    }

    #[test]
    fn open_refuses_malformed_files() {
        let dir = tempfile::tempdir().unwrap();
        let good = STANDARD.encode([7u8; 32]);
        let cases = [
            String::new(),
            format!("credstore-master-key-v2\n{good}\n"),
            "credstore-master-key-v1\n".to_string(),
            "credstore-master-key-v1\n!!!not base64!!!\n".to_string(),
            format!("credstore-master-key-v1\n{}\n", STANDARD.encode([7u8; 31])),
            format!("credstore-master-key-v1\n{good}\nextra\n"),
        ];
        for (i, text) in cases.iter().enumerate() {
            let path = dir.path().join(format!("bad{i}.key"));
            write_private(&path, text.as_bytes()).unwrap();
            let err = LocalKeyService::open(&path).unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, KeyError::MasterKey(_)), "case {i}: {msg}");
            assert!(msg.contains("malformed"), "case {i}: {msg}");
        }
        let path = dir.path().join("good.key");
        write_private(
            &path,
            format!("credstore-master-key-v1\n{good}\n").as_bytes(),
        )
        .unwrap();
        assert_eq!(*LocalKeyService::open(&path).unwrap().key, [7u8; 32]);
    }

    fn new_service() -> (tempfile::TempDir, LocalKeyService) {
        let dir = tempfile::tempdir().unwrap();
        let service = LocalKeyService::open_or_create(&dir.path().join("db.key")).unwrap();
        (dir, service)
    }

    fn assert_refused(result: Result<DataKey, KeyError>) {
        match result {
            Err(KeyError::Refused(msg)) => assert_eq!(msg.message, REFUSED),
            other => panic!("expected Refused, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn generate_then_decrypt_round_trips() {
        let (_dir, service) = new_service();
        let ctx = context(&[("credstore:name", "db"), ("app", "web")]);
        let generated = service
            .generate_data_key("alias/credstash", &ctx)
            .await
            .unwrap();
        assert_eq!(generated.wrapped.len(), WRAPPED_LEN);
        assert_eq!(generated.wrapped[0], WRAP_VERSION);
        let unwrapped = service
            .decrypt_data_key(&generated.wrapped, &ctx)
            .await
            .unwrap();
        assert_eq!(unwrapped.as_bytes(), generated.plaintext.as_bytes());
        // The key id plays no part in unwrapping.
        let other = service
            .generate_data_key("another-key", &ctx)
            .await
            .unwrap();
        assert_ne!(other.plaintext.as_bytes(), generated.plaintext.as_bytes());
        assert_ne!(other.wrapped, generated.wrapped);
        let empty = EncryptionContext::new();
        let g = service.generate_data_key("k", &empty).await.unwrap();
        let k = service.decrypt_data_key(&g.wrapped, &empty).await.unwrap();
        assert_eq!(k.as_bytes(), g.plaintext.as_bytes());
    }

    #[tokio::test]
    async fn re_encrypt_moves_the_data_key_to_a_new_context() {
        let (_dir, service) = new_service();
        let old = context(&[("app", "web")]);
        let new = context(&[
            ("app", "web"),
            ("credstore:name", "db"),
            ("credstore:version", "1"),
        ]);
        let generated = service.generate_data_key("k", &old).await.unwrap();
        let moved = service
            .re_encrypt(&generated.wrapped, &old, "ignored", &new)
            .await
            .unwrap();
        assert_eq!((moved.source_key, moved.key), (None, None));
        assert_ne!(moved.wrapped, generated.wrapped);
        let unwrapped = service
            .decrypt_data_key(&moved.wrapped, &new)
            .await
            .unwrap();
        assert_eq!(unwrapped.as_bytes(), generated.plaintext.as_bytes());
        // Only under the new context.
        assert_refused(service.decrypt_data_key(&moved.wrapped, &old).await);
        // The source context is authenticated too.
        let wrong = service
            .re_encrypt(&generated.wrapped, &new, "k", &new)
            .await
            .unwrap_err();
        assert!(matches!(wrong, KeyError::Refused(_)), "{wrong}");
        assert!(!service.has_key_ids());
    }

    #[tokio::test]
    async fn another_master_key_refuses() {
        let (_dir, service) = new_service();
        let (_dir2, other) = new_service();
        let ctx = context(&[("a", "b")]);
        let generated = service.generate_data_key("k", &ctx).await.unwrap();
        assert_refused(other.decrypt_data_key(&generated.wrapped, &ctx).await);
    }

    #[tokio::test]
    async fn wrong_or_extra_context_refuses() {
        let (_dir, service) = new_service();
        let ctx = context(&[("credstore:name", "db"), ("credstore:version", "1")]);
        let generated = service.generate_data_key("k", &ctx).await.unwrap();
        let wrong_value = context(&[("credstore:name", "db2"), ("credstore:version", "1")]);
        let extra = context(&[
            ("credstore:name", "db"),
            ("credstore:version", "1"),
            ("x", "y"),
        ]);
        let missing = context(&[("credstore:name", "db")]);
        for bad in [wrong_value, extra, missing, EncryptionContext::new()] {
            assert_refused(service.decrypt_data_key(&generated.wrapped, &bad).await);
        }
        // And the right context still works.
        service
            .decrypt_data_key(&generated.wrapped, &ctx)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn altered_wrapped_key_refuses() {
        let (_dir, service) = new_service();
        let ctx = context(&[("a", "b")]);
        let wrapped = service.generate_data_key("k", &ctx).await.unwrap().wrapped;
        for i in 0..wrapped.len() {
            let mut flipped = wrapped.clone();
            flipped[i] ^= 0x01;
            assert_refused(service.decrypt_data_key(&flipped, &ctx).await);
        }
        assert_refused(
            service
                .decrypt_data_key(&wrapped[..wrapped.len() - 1], &ctx)
                .await,
        );
        let mut longer = wrapped.clone();
        longer.push(0);
        assert_refused(service.decrypt_data_key(&longer, &ctx).await);
        assert_refused(service.decrypt_data_key(&[], &ctx).await);
        let mut version2 = wrapped.clone();
        version2[0] = 2;
        assert_refused(service.decrypt_data_key(&version2, &ctx).await);
    }
}
