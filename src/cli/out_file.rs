//! The output file of a command that writes plaintext (`decrypt -o`, `render -o`): stdout,
//! a device or FIFO written in place, or a regular file that appears only once complete
//! (written to a temporary file beside it, renamed on success, removed on failure, at the
//! deadline and on SIGINT/SIGTERM/SIGHUP). Every link on the way and the end must be this
//! user's or root's: another user's FIFO or link in a shared directory is refused.

use crate::cli::cleanup::{self, TempFile};
use crate::cli::exit::Failure;
use credstore::private_file::{self, Output};
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::path::{Path, PathBuf};
use tokio::fs::File;

/// Where the output goes: stdout; a device or FIFO named by `-o`, written directly; or a
/// regular file, written to a temporary file beside it and renamed over it on success.
pub(crate) enum Sink {
    /// Standard output.
    Stdout(File),
    /// A device or FIFO, written in place.
    Device {
        /// Its path.
        target: PathBuf,
        /// The open device.
        file: File,
    },
    /// A regular file, written to `temp` and renamed to `target` on success.
    File {
        /// The temporary file beside the target.
        temp: TempFile,
        /// The output path (a link's final file).
        target: PathBuf,
        /// The open temporary file.
        file: File,
    },
}

/// How long `-o FIFO` waits for a process to open the FIFO for reading (unless the
/// command's deadline comes first): a FIFO nobody reads must not hang the command.
const FIFO_READER_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

impl Sink {
    /// Opens the output named by `flag` (`None` or `-`: stdout) after the same checks
    /// for every command; a new file is created with `mode` (whatever the umask).
    pub(crate) async fn create(
        output: Option<&Path>,
        flag: &str,
        mode: u32,
    ) -> Result<Sink, Failure> {
        let Some(named) = output.filter(|p| *p != Path::new("-")) else {
            return Ok(Sink::Stdout(duplicate(std::io::stdout().as_fd())?));
        };
        let cannot = |e: io::Error| {
            Failure::Other(format!(
                "cannot write the output {}: {e}; check the {flag} path",
                named.display()
            ))
        };
        // Only a regular file can be replaced by a rename: a device (/dev/null, a tty) or
        // a FIFO is written in place, and a link to a file keeps pointing at the new file.
        // Every link on the way and the end must be ours (or root's): another user's FIFO
        // or link in a shared directory would hand them the plaintext.
        let refused = |e: private_file::Distrust| Failure::Usage(e.output_message(flag, named));
        let target = match private_file::check_output(named).map_err(refused)? {
            Output::Directory => {
                return Err(Failure::Usage(format!(
                    "the output {} is a directory; give a file path to {flag}",
                    named.display()
                )));
            }
            Output::Special => {
                let file = open_special(named, flag).await?;
                return Ok(Sink::Device {
                    target: named.to_path_buf(),
                    file: File::from_std(file),
                });
            }
            Output::File(_) => std::fs::canonicalize(named).map_err(cannot)?,
            Output::Missing => named.to_path_buf(),
        };
        let target = target.as_path();
        let temp = temp_beside(target, flag)?;
        cleanup::on_signals_remove_temporaries().map_err(|e| {
            Failure::Other(format!(
                "cannot watch for signals (to remove {}): {e}",
                temp.display()
            ))
        })?;
        let file = private_file::create_new_with_mode(&temp, mode).map_err(|e| {
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

    /// Where to write.
    pub(crate) fn writer(&mut self) -> &mut File {
        match self {
            Sink::Stdout(file) | Sink::Device { file, .. } | Sink::File { file, .. } => file,
        }
    }

    /// Makes a file output appear, complete (synced, then renamed over the target); a
    /// device or stdout is already written.
    pub(crate) async fn commit(self) -> Result<(), Failure> {
        let Sink::File { temp, target, file } = self else {
            return Ok(());
        };
        let done = async {
            file.sync_all().await?;
            drop(file);
            tokio::fs::rename(temp.path(), &target).await
        }
        .await;
        match done {
            Ok(()) => {
                temp.renamed();
                Ok(())
            }
            // Dropping `temp` removes it.
            Err(e) => Err(Failure::Other(format!(
                "cannot write the output {}: {e}; nothing was written to it",
                target.display()
            ))),
        }
    }
}

/// Opens the FIFO or device `named` for writing once checked, waiting (asynchronously, so
/// the deadline can end it) at most [`FIFO_READER_WAIT`] for a FIFO's reader.
async fn open_special(named: &Path, flag: &str) -> Result<std::fs::File, Failure> {
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
                     first, or choose another path for {flag}",
                    named.display(),
                    FIFO_READER_WAIT.as_secs()
                )));
            }
            Err(private_file::Distrust::Io(e)) => {
                return Err(Failure::Other(format!(
                    "cannot write the output {}: {e}; check the {flag} path",
                    named.display()
                )));
            }
            Err(e) => return Err(Failure::Usage(e.output_message(flag, named))),
        }
    }
}

/// A fresh temporary name in the directory of `target` (so the rename stays on one file
/// system and is atomic).
fn temp_beside(target: &Path, flag: &str) -> Result<PathBuf, Failure> {
    let name = target.file_name().ok_or_else(|| {
        Failure::Usage(format!(
            "the output {} names no file; give a file path to {flag}",
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

/// A tokio file over a duplicate of a standard stream's descriptor (reads and writes of
/// pipes, terminals and files alike go through tokio's blocking pool).
pub(crate) fn duplicate(fd: BorrowedFd<'_>) -> Result<File, Failure> {
    let owned = fd
        .try_clone_to_owned()
        .map_err(|e| Failure::Other(format!("cannot use a standard stream: {e}")))?;
    Ok(File::from_std(std::fs::File::from(owned)))
}
