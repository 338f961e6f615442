//! `encrypt` and `decrypt`: envelopes of files and streams, and KMS + Fernet messages.
//! An output file appears only once complete: it is written to a temporary file in the
//! same directory and renamed on success, removed on failure.

use crate::cli::args::{DecryptArgs, EncryptArgs, EnvelopeFormat, EnvelopeIo};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, code_of};
use credstore::envelope::fernet::FernetMessage;
use credstore::envelope::{self, EnvelopeError, MAX_FERNET_LEN};
use std::io;
use std::path::{Path, PathBuf};
use tokio::fs::File;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zeroize::Zeroizing;

/// Runs `encrypt`.
pub async fn encrypt(config: &Config, args: &EncryptArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let (name, mut input) = open_input(&args.io).await?;
    let keyring = config.keyring(true).await?;
    let mut sink = Sink::create(&args.io).await?;
    let result = match args.io.format {
        EnvelopeFormat::Envelope => {
            envelope::encrypt_stream(&keyring, &context, &mut input, sink.writer())
                .await
                .map(drop)
        }
        EnvelopeFormat::Fernet => {
            async {
                let plaintext = read_limited(&mut input, MAX_FERNET_LEN).await?;
                let message = envelope::encrypt_message(&keyring, &context, &plaintext).await?;
                let mut json = message.to_json();
                json.push('\n');
                write_all(sink.writer(), json.as_bytes()).await
            }
            .await
        }
    };
    sink.finish(result, &name).await
}

/// Runs `decrypt`.
pub async fn decrypt(config: &Config, args: &DecryptArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let (name, mut input) = open_input(&args.io).await?;
    let keyring = config.keyring(false).await?;
    let mut sink = Sink::create(&args.io).await?;
    let result = match args.io.format {
        EnvelopeFormat::Envelope => {
            let expected = (!args.context.is_empty()).then_some(&context);
            envelope::decrypt_stream(&keyring, expected, &mut input, sink.writer())
                .await
                .map(drop)
        }
        EnvelopeFormat::Fernet => {
            async {
                // The JSON carries the token in base64: about 4/3 of the plaintext.
                let text = read_limited(&mut input, MAX_FERNET_LEN * 2).await?;
                let message = FernetMessage::from_json(&text).map_err(EnvelopeError::Fernet)?;
                let plaintext = envelope::decrypt_message(&keyring, &context, &message).await?;
                write_all(sink.writer(), plaintext.expose()).await
            }
            .await
        }
    };
    sink.finish(result, &name).await
}

/// The input (a file, or a duplicate of stdin) and its name for messages.
async fn open_input(io: &EnvelopeIo) -> Result<(String, File), Failure> {
    match io.input.as_deref().filter(|p| *p != Path::new("-")) {
        None => Ok(("stdin".to_string(), duplicate(std::io::stdin().as_fd())?)),
        Some(path) => File::open(path)
            .await
            .map(|f| (path.display().to_string(), f))
            .map_err(|e| {
                Failure::Usage(format!(
                    "cannot open the input {}: {e}; check the -i path",
                    path.display()
                ))
            }),
    }
}

use std::os::fd::{AsFd, BorrowedFd};

/// A tokio file over a duplicate of a standard stream's descriptor (reads and writes of
/// pipes, terminals and files alike go through tokio's blocking pool).
fn duplicate(fd: BorrowedFd<'_>) -> Result<File, Failure> {
    let owned = fd
        .try_clone_to_owned()
        .map_err(|e| Failure::Other(format!("cannot use a standard stream: {e}")))?;
    Ok(File::from_std(std::fs::File::from(owned)))
}

/// Reads the whole input, refusing more than `limit` bytes (the Fernet form is for small
/// messages). The bytes are wiped when dropped.
async fn read_limited(input: &mut File, limit: usize) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
    let mut bytes = Zeroizing::new(Vec::new());
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    input
        .take(cap)
        .read_to_end(&mut bytes)
        .await
        .map_err(EnvelopeError::Read)?;
    if bytes.len() > limit {
        return Err(EnvelopeError::InvalidInput(format!(
            "the input is over {} MiB: the Fernet format is for small messages; use the \
             default format (without --format fernet) for large inputs",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

async fn write_all(out: &mut File, bytes: &[u8]) -> Result<(), EnvelopeError> {
    out.write_all(bytes).await.map_err(EnvelopeError::Write)?;
    out.flush().await.map_err(EnvelopeError::Write)
}

/// Where the output goes: stdout; a device or FIFO named by `-o`, written directly; or a
/// regular file, written to a temporary file beside it and renamed over it on success.
enum Sink {
    Stdout(File),
    Device {
        target: PathBuf,
        file: File,
    },
    File {
        temp: PathBuf,
        target: PathBuf,
        file: File,
    },
}

impl Sink {
    async fn create(io: &EnvelopeIo) -> Result<Sink, Failure> {
        let Some(named) = io.output.as_deref().filter(|p| *p != Path::new("-")) else {
            return Ok(Sink::Stdout(duplicate(std::io::stdout().as_fd())?));
        };
        let cannot = |e: io::Error| {
            Failure::Other(format!(
                "cannot write the output {}: {e}; check the -o path",
                named.display()
            ))
        };
        // Only a regular file can be replaced by a rename: a device (/dev/null, a tty) or
        // a FIFO is written in place, and a link to a file keeps pointing at the new file.
        let target = match std::fs::metadata(named) {
            Ok(meta) if meta.is_dir() => {
                return Err(Failure::Usage(format!(
                    "the output {} is a directory; give a file path to -o",
                    named.display()
                )));
            }
            Ok(meta) if !meta.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(named)
                    .map_err(cannot)?;
                return Ok(Sink::Device {
                    target: named.to_path_buf(),
                    file: File::from_std(file),
                });
            }
            Ok(_) => std::fs::canonicalize(named).map_err(cannot)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => named.to_path_buf(),
            Err(e) => return Err(cannot(e)),
        };
        let target = target.as_path();
        let temp = temp_beside(target)?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&temp).map_err(|e| {
            Failure::Other(format!(
                "cannot create {} (beside the output {}): {e}; check that its directory exists and is writable",
                temp.display(),
                target.display()
            ))
        })?;
        Ok(Sink::File {
            temp,
            target: target.to_path_buf(),
            file: File::from_std(file),
        })
    }

    fn writer(&mut self) -> &mut File {
        match self {
            Sink::Stdout(file) | Sink::Device { file, .. } | Sink::File { file, .. } => file,
        }
    }

    /// On success, makes the output file appear (synced, then renamed); on failure,
    /// removes the temporary file and reports the error once, naming the input.
    async fn finish(self, result: Result<(), EnvelopeError>, input: &str) -> Result<(), Failure> {
        let error = match (result, self) {
            (Ok(()), Sink::Stdout(_)) => return Ok(()),
            (Ok(()), Sink::Device { .. }) => return Ok(()),
            (Ok(()), Sink::File { temp, target, file }) => {
                let done = async {
                    file.sync_all().await?;
                    drop(file);
                    tokio::fs::rename(&temp, &target).await
                }
                .await;
                return done.map_err(|e| {
                    let _ = std::fs::remove_file(&temp);
                    Failure::Other(format!(
                        "cannot write the output {}: {e}; nothing was written to it",
                        target.display()
                    ))
                });
            }
            (Err(e), sink) => (e, sink),
        };
        let (e, sink) = error;
        if let EnvelopeError::Write(io) = &e {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return Err(Failure::BrokenPipe);
            }
        }
        // Chunks are written once verified: a failure after the first leaves some.
        let partial = matches!(
            e,
            EnvelopeError::Chunk { index: 1.. } | EnvelopeError::Truncated { chunks: 1.. }
        );
        let error = e.about(input);
        diag!("error: {error}");
        match sink {
            Sink::File { temp, target, file } => {
                drop(file);
                let _ = tokio::fs::remove_file(&temp).await;
                diag!("note: {} was not written", target.display());
            }
            Sink::Stdout(_) if partial => {
                diag!(
                    "note: stdout received only chunks verified before the failure, not the whole plaintext: discard it"
                );
            }
            Sink::Device { target, .. } if partial => {
                diag!(
                    "note: {} received only chunks verified before the failure, not the whole plaintext: discard it",
                    target.display()
                );
            }
            Sink::Stdout(_) | Sink::Device { .. } => {}
        }
        Err(Failure::Reported(code_of(&error)))
    }
}

/// A fresh temporary name in the directory of `target` (so the rename stays on one file
/// system and is atomic).
fn temp_beside(target: &Path) -> Result<PathBuf, Failure> {
    let name = target.file_name().ok_or_else(|| {
        Failure::Usage(format!(
            "the output {} names no file; give a file path to -o",
            target.display()
        ))
    })?;
    let mut suffix = [0u8; 6];
    getrandom::getrandom(&mut suffix)
        .map_err(|e| Failure::Other(format!("the system random source failed: {e}")))?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(
        ".credstore-{}-{}.tmp",
        std::process::id(),
        hex::encode(suffix)
    ));
    Ok(target.with_file_name(temp))
}
