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
    let names = if cfg!(windows) {
        windows_names(program, std::env::var_os("PATHEXT").as_deref())
    } else {
        vec![program.to_owned()]
    };
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| is_executable_file(candidate))
}

/// Extensions Windows runs when PATHEXT is unset.
const DEFAULT_PATHEXT: &str = ".COM;.EXE;.BAT;.CMD";

/// The file names Windows would run for `program` in one PATH directory, in order: the
/// name itself when it already has an extension (`node.exe`, `app.v2`), then the name
/// with each PATHEXT extension (`node` finds `node.exe`). Pure, so tested on any OS.
fn windows_names(program: &OsStr, pathext: Option<&OsStr>) -> Vec<std::ffi::OsString> {
    let mut names = Vec::new();
    if Path::new(program).extension().is_some() {
        names.push(program.to_owned());
    }
    let pathext = pathext
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_PATHEXT.to_string());
    for ext in pathext.split(';').map(str::trim) {
        // An entry without its dot (`EXE`) is taken as `.EXE`, as cmd.exe does.
        if ext.is_empty() || ext == "." {
            continue;
        }
        let mut name = program.to_owned();
        if !ext.starts_with('.') {
            name.push(".");
        }
        name.push(ext);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn names(program: &str, pathext: Option<&str>) -> Vec<OsString> {
        windows_names(OsStr::new(program), pathext.map(OsStr::new))
    }

    #[test]
    fn a_bare_name_is_tried_with_each_pathext_extension_in_order() {
        assert_eq!(
            names("node", Some(".COM;.EXE;.BAT;.CMD")),
            ["node.COM", "node.EXE", "node.BAT", "node.CMD"]
        );
        // A bare name alone is never a candidate: Windows does not run it.
        assert!(!names("node", Some(".EXE")).contains(&OsString::from("node")));
    }

    #[test]
    fn unset_or_empty_pathext_means_the_windows_default() {
        let default = ["node.COM", "node.EXE", "node.BAT", "node.CMD"];
        assert_eq!(names("node", None), default);
        assert_eq!(names("node", Some("")), default);
        assert_eq!(names("node", Some(" ")), default);
    }

    #[test]
    fn a_name_with_an_extension_is_tried_first_as_it_is() {
        assert_eq!(
            names("node.exe", Some(".EXE")),
            ["node.exe", "node.exe.EXE"]
        );
        assert_eq!(
            names("deploy.v2", Some(".CMD")),
            ["deploy.v2", "deploy.v2.CMD"]
        );
    }

    #[test]
    fn odd_entries_are_skipped_or_completed() {
        assert_eq!(
            names("tool", Some(";.exe;;EXE ; .;.Ps1;.exe")),
            ["tool.exe", "tool.EXE", "tool.Ps1"]
        );
    }
}
