//! Running the command of `credstore exec`: on Unix the process is replaced (execvp),
//! so signals reach the application directly and its exit status is ours.

use crate::cli::diag::diag;
use crate::cli::exit;
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Exit code of a command that could not be found, as shells report it.
pub(crate) const COMMAND_NOT_FOUND: u8 = 127;
/// Exit code of a command that was found but could not be run, as shells report it.
pub(crate) const COMMAND_NOT_EXECUTABLE: u8 = 126;

/// The path of `program` as the caller's PATH finds it (a name with a `/` is taken as
/// it is); None when no executable file of that name is on the PATH. Resolving here,
/// not in the child, means a `PATH` among the secrets cannot choose the binary.
pub(crate) fn resolve_program(program: &OsStr) -> Option<PathBuf> {
    if Path::new(program).components().count() != 1 || program.is_empty() {
        return Some(PathBuf::from(program));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable_file(candidate))
}

#[cfg(unix)]
fn is_executable_file(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable_file(path: &Path) -> bool {
    path.is_file()
}

/// Replaces this process with `cmd`; returns only when that fails.
#[cfg(unix)]
pub(crate) fn replace_process(mut cmd: Command) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let err = cmd.exec();
    launch_failed(&cmd, &err)
}

/// Runs `cmd` and exits with its status (no exec on this platform).
#[cfg(not(unix))]
pub fn replace_process(mut cmd: Command) -> ExitCode {
    match cmd.status() {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(err) => launch_failed(&cmd, &err),
    }
}

fn launch_failed(cmd: &Command, err: &io::Error) -> ExitCode {
    let program = cmd.get_program().to_string_lossy();
    let code = match err.kind() {
        io::ErrorKind::NotFound => {
            diag!("error: command not found: {program}; check its name and PATH");
            COMMAND_NOT_FOUND
        }
        io::ErrorKind::PermissionDenied => {
            diag!("error: cannot run {program}: permission denied; is it executable?");
            COMMAND_NOT_EXECUTABLE
        }
        _ => {
            diag!("error: cannot run {program}: {err}");
            exit::OTHER
        }
    };
    ExitCode::from(code)
}
