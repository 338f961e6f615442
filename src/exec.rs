//! Running the command of `credstore exec`: on Unix the process is replaced (execvp),
//! so signals reach the application directly and its exit status is ours.

use crate::exit;
use std::io;
use std::process::{Command, ExitCode};

/// Exit code of a command that could not be found, as shells report it.
pub const COMMAND_NOT_FOUND: u8 = 127;
/// Exit code of a command that was found but could not be run, as shells report it.
pub const COMMAND_NOT_EXECUTABLE: u8 = 126;

/// Replaces this process with `cmd`; returns only when that fails.
#[cfg(unix)]
pub fn replace_process(mut cmd: Command) -> ExitCode {
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
            eprintln!("error: command not found: {program}; check its name and PATH");
            COMMAND_NOT_FOUND
        }
        io::ErrorKind::PermissionDenied => {
            eprintln!("error: cannot run {program}: permission denied; is it executable?");
            COMMAND_NOT_EXECUTABLE
        }
        _ => {
            eprintln!("error: cannot run {program}: {err}");
            exit::OTHER
        }
    };
    ExitCode::from(code)
}
