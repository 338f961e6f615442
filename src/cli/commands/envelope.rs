//! `encrypt` and `decrypt`: envelopes of files and streams, and KMS + Fernet messages.
//! An output file appears only once complete: it is written to a temporary file in the
//! same directory and renamed on success, removed on failure, at the deadline and on
//! SIGINT/SIGTERM/SIGHUP. An output path of another user (a FIFO or link planted in a
//! shared directory) is refused.

use crate::cli::args::{DecryptArgs, EncryptArgs, EnvelopeFormat, EnvelopeIo};
use crate::cli::cleanup::{self, TempFile};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, code_of};
use credstore::envelope::FernetMessage;
use credstore::envelope::{self, EnvelopeError, MAX_FERNET_LEN};
use credstore::private_file::{self, Output};
use std::io;
use std::path::{Path, PathBuf};
use tokio::fs::File;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zeroize::Zeroizing;

/// Runs `encrypt`.
pub(super) async fn encrypt(config: &Config, args: &EncryptArgs) -> Result<(), Failure> {
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
pub(super) async fn decrypt(config: &Config, args: &DecryptArgs) -> Result<(), Failure> {
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
        temp: TempFile,
        target: PathBuf,
        file: File,
    },
}

/// How long `-o FIFO` waits for a process to open the FIFO for reading (unless the
/// command's deadline comes first): a FIFO nobody reads must not hang the command.
const FIFO_READER_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

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
        // Every link on the way and the end must be ours (or root's): another user's FIFO
        // or link in a shared directory would hand them the plaintext.
        let refused = |e: private_file::Distrust| Failure::Usage(e.output_message("-o", named));
        let target = match private_file::check_output(named).map_err(refused)? {
            Output::Directory => {
                return Err(Failure::Usage(format!(
                    "the output {} is a directory; give a file path to -o",
                    named.display()
                )));
            }
            Output::Special => {
                let file = open_special(named).await?;
                return Ok(Sink::Device {
                    target: named.to_path_buf(),
                    file: File::from_std(file),
                });
            }
            Output::File(_) => std::fs::canonicalize(named).map_err(cannot)?,
            Output::Missing => named.to_path_buf(),
        };
        let target = target.as_path();
        let temp = temp_beside(target)?;
        cleanup::on_signals_remove_temporaries().map_err(|e| {
            Failure::Other(format!(
                "cannot watch for signals (to remove {}): {e}",
                temp.display()
            ))
        })?;
        let file = private_file::create_new(&temp).map_err(|e| {
            Failure::Other(format!(
                "cannot create {} (beside the output {}): {e}; check that its directory exists and is writable",
                temp.display(),
                target.display()
            ))
        })?;
        Ok(Sink::File {
            temp: TempFile::created(temp),
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
                    tokio::fs::rename(temp.path(), &target).await
                }
                .await;
                return match done {
                    Ok(()) => {
                        temp.renamed();
                        Ok(())
                    }
                    // Dropping `temp` removes it.
                    Err(e) => Err(Failure::Other(format!(
                        "cannot write the output {}: {e}; nothing was written to it",
                        target.display()
                    ))),
                };
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
                drop(temp);
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

/// Opens the FIFO or device `named` for writing once checked, waiting (asynchronously, so
/// the deadline can end it) at most [`FIFO_READER_WAIT`] for a FIFO's reader.
async fn open_special(named: &Path) -> Result<std::fs::File, Failure> {
    let started = std::time::Instant::now();
    loop {
        match private_file::open_special(named) {
            Ok(Some(file)) => return Ok(file),
            Ok(None) if started.elapsed() < FIFO_READER_WAIT => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            Ok(None) => {
                return Err(Failure::Other(format!(
                    "no process opened the FIFO {} for reading within {}s; start its reader \
                     first, or choose another path for -o",
                    named.display(),
                    FIFO_READER_WAIT.as_secs()
                )));
            }
            Err(private_file::Distrust::Io(e)) => {
                return Err(Failure::Other(format!(
                    "cannot write the output {}: {e}; check the -o path",
                    named.display()
                )));
            }
            Err(e) => return Err(Failure::Usage(e.output_message("-o", named))),
        }
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
