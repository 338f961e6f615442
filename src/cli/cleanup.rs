//! Temporary files to remove however the command ends: on success they are renamed away,
//! on an error or at the deadline they are removed when dropped, and on SIGINT, SIGTERM
//! or SIGHUP a signal task removes them before the process exits (128 + the signal).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files of this process that exist now (created, not yet renamed).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A temporary file of ours: removed when dropped unless [`TempFile::renamed`] was called.
#[derive(Debug)]
pub(crate) struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Registers `path`, which the caller has just created (exclusively: it is ours).
    pub(crate) fn created(path: PathBuf) -> TempFile {
        pending().push(path.clone());
        TempFile { path }
    }

    /// The temporary file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The file was renamed into place: nothing is left to remove.
    pub(crate) fn renamed(self) {
        forget(&self.path);
        std::mem::forget(self);
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        forget(&self.path);
    }
}

fn forget(path: &Path) {
    pending().retain(|p| p != path);
}

/// From now on, SIGINT, SIGTERM and SIGHUP remove every pending temporary file and end
/// the process with 128 + the signal, as the default action's shell status would say.
/// Idempotent; must be called inside the runtime.
pub(crate) fn on_signals_remove_temporaries() -> std::io::Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::signal::unix::{SignalKind, signal};
    static WATCHING: AtomicBool = AtomicBool::new(false);
    if WATCHING.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    // The handlers are installed here, before any temporary file exists.
    for kind in [
        SignalKind::terminate(),
        SignalKind::interrupt(),
        SignalKind::hangup(),
    ] {
        let mut stream = signal(kind)?;
        tokio::spawn(async move {
            if stream.recv().await.is_some() {
                remove_all_and_exit(kind.as_raw_value());
            }
        });
    }
    Ok(())
}

/// Removes every pending temporary file, then ends the process as `signal` would have.
fn remove_all_and_exit(signal: i32) -> ! {
    let removed: Vec<PathBuf> = std::mem::take(&mut *pending());
    for path in &removed {
        let _ = std::fs::remove_file(path);
    }
    crate::cli::diag::diag!("error: interrupted (signal {signal}); the output was not written");
    std::process::exit(128 + signal);
}
