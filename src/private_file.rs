//! Private files: creating them only their owner can read or write (mode 0600), never
//! replacing one, opening existing ones only when they can be trusted (ssh-style checks),
//! and checking an output path before plaintext is written there.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` with mode exactly 0600 (whatever the umask); fails with
/// `AlreadyExists` if it exists, so nothing is ever overwritten.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    create_new_with_mode(path, 0o600)
}

/// Creates `path` with permission bits exactly `mode` (at most 0o777, whatever the umask);
/// fails with `AlreadyExists` if it exists, so nothing is ever overwritten.
#[cfg_attr(not(unix), allow(unused_variables))]
pub fn create_new_with_mode(path: &Path, mode: u32) -> io::Result<File> {
    let mode = mode & 0o777;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode & 0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        // The umask may have removed bits we need (e.g. 0277 -> 0400); make it exactly
        // `mode`, once the file is ours (created owner-only, so no one opened it before).
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    Ok(file)
}

/// Why an existing file is not trusted to hold secrets or guard them.
#[derive(Debug)]
#[cfg_attr(not(unix), allow(dead_code))] // only the type is checked elsewhere
pub enum Distrust {
    /// The file could not be opened (missing, no permission...).
    Io(io::Error),
    /// The path is a symbolic link (never followed).
    Symlink,
    /// The path is not a regular file: a FIFO, a device, a directory, a socket.
    NotRegular(&'static str),
    /// The file belongs to another user.
    Owner {
        /// The file's owner.
        owner: u32,
        /// The effective uid of this process.
        euid: u32,
    },
    /// Group or others have permissions they must not have.
    Mode(u32),
    /// A symbolic link on the way belongs to another user (who can aim it anywhere).
    LinkOwner {
        /// The link's owner.
        owner: u32,
        /// The effective uid of this process.
        euid: u32,
    },
}

impl Distrust {
    /// One line saying what is wrong with `path` (described as `what`, e.g. "the master
    /// key file") and what to do about it. `Io` errors are reported by the caller, who
    /// knows what a missing file means.
    pub fn message(&self, what: &str, path: &Path) -> String {
        let shown = path.display();
        match self {
            Distrust::Io(e) => format!("cannot open {what} {shown}: {e}"),
            Distrust::Symlink => format!(
                "{what} {shown} is a symbolic link, which credstore does not follow there; \
                 replace the link with the file itself"
            ),
            Distrust::NotRegular(kind) => format!(
                "{what} {shown} is not a regular file (it is {kind}); put the real file there or choose \
                 another path with --local"
            ),
            Distrust::Owner { owner, euid } => format!(
                "{what} {shown} belongs to uid {owner}, not to the user running credstore \
                 (uid {euid}); run `chown {euid} {shown}` or run credstore as its owner"
            ),
            Distrust::LinkOwner { owner, euid } => format!(
                "{what} {shown} is or goes through a symbolic link of uid {owner}, not of the user \
                 running credstore (uid {euid}) or root, who could aim it anywhere; remove the link \
                 or choose another path"
            ),
            Distrust::Mode(mode) => {
                let access = match (mode & 0o044 != 0, mode & 0o022 != 0) {
                    (true, true) => "read or change",
                    (true, false) => "read",
                    _ => "change",
                };
                format!(
                    "{what} {shown} has permissions {mode:04o}, which let other users \
                     {access} it; run `chmod 600 {shown}`"
                )
            }
        }
    }
}

/// What an output path names, once [`check_output`] found nothing there to distrust.
#[derive(Debug)]
pub enum Output {
    /// Nothing (or a link of a trusted owner to nothing): a new file is made at the path.
    Missing,
    /// A regular file at this path (the end of any links), replaced by a rename.
    File(std::path::PathBuf),
    /// A directory: not an output.
    Directory,
    /// A FIFO, device or socket, written in place (see [`open_special`]).
    Special,
}

/// Whether what `owner` owns may be written or followed by a process of `euid`: its own
/// things, or root's (`/dev/null`, the `/dev/stdout` link). Another user's FIFO or link
/// in a shared directory (mode 1777) could hand them the plaintext, or aim the write.
fn trusted_writer_owner(owner: u32, euid: u32) -> bool {
    owner == euid || owner == 0
}

/// Checks an output path before anything is written: every symbolic link on the way to
/// the final file (the path itself and the links it leads to) and the final file, FIFO or
/// device must belong to this user or to root ([`Distrust::Owner`]; a link is reported as
/// [`Distrust::Symlink`] when it is the link that belongs to another user).
#[cfg(unix)]
pub fn check_output(path: &Path) -> Result<Output, Distrust> {
    use std::os::unix::fs::MetadataExt;
    let euid = rustix::process::geteuid().as_raw();
    let mut current = path.to_path_buf();
    // The kernel's own limit on links followed in one lookup.
    for _hop in 0..40 {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Output::Missing),
            Err(e) => return Err(Distrust::Io(e)),
        };
        if !trusted_writer_owner(meta.uid(), euid) {
            return Err(if meta.file_type().is_symlink() {
                Distrust::LinkOwner {
                    owner: meta.uid(),
                    euid,
                }
            } else {
                Distrust::Owner {
                    owner: meta.uid(),
                    euid,
                }
            });
        }
        if !meta.file_type().is_symlink() {
            return Ok(if meta.is_dir() {
                Output::Directory
            } else if meta.is_file() {
                Output::File(current)
            } else {
                Output::Special
            });
        }
        let target = std::fs::read_link(&current).map_err(Distrust::Io)?;
        current = match current.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
    }
    Err(Distrust::Io(io::Error::from_raw_os_error(
        rustix::io::Errno::LOOP.raw_os_error(),
    )))
}

/// Only the type of the output is checked on this platform.
#[cfg(not(unix))]
pub fn check_output(path: &Path) -> Result<Output, Distrust> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(Output::Directory),
        Ok(meta) if meta.is_file() => Ok(Output::File(path.to_path_buf())),
        Ok(_) => Ok(Output::Special),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Output::Missing),
        Err(e) => Err(Distrust::Io(e)),
    }
}

/// Opens a FIFO or device that [`check_output`] accepted, for writing, without blocking:
/// `Ok(None)` when it is a FIFO no process has open for reading yet (the caller decides how
/// long to wait). The open file is checked again (owner, not a regular file or directory),
/// so what is written to is what was checked; then it is made blocking for the writes.
#[cfg(unix)]
pub fn open_special(path: &Path) -> Result<Option<File>, Distrust> {
    use rustix::fs::{Mode, OFlags};
    use std::os::unix::fs::MetadataExt;
    let flags = OFlags::WRONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    let fd = match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => fd,
        Err(rustix::io::Errno::NXIO) => return Ok(None),
        Err(e) => return Err(Distrust::Io(e.into())),
    };
    let file = File::from(fd);
    let meta = file.metadata().map_err(Distrust::Io)?;
    let euid = rustix::process::geteuid().as_raw();
    if !trusted_writer_owner(meta.uid(), euid) {
        return Err(Distrust::Owner {
            owner: meta.uid(),
            euid,
        });
    }
    if meta.is_file() || meta.is_dir() {
        // Swapped since the check: the caller would have replaced a file, not written it.
        return Err(Distrust::Io(io::Error::other(
            "it changed while being opened",
        )));
    }
    let flags = rustix::fs::fcntl_getfl(&file).map_err(|e| Distrust::Io(e.into()))?;
    rustix::fs::fcntl_setfl(&file, flags - OFlags::NONBLOCK).map_err(|e| Distrust::Io(e.into()))?;
    Ok(Some(file))
}

/// Opens a device or FIFO for writing (it blocks until a FIFO has a reader).
#[cfg(not(unix))]
pub fn open_special(path: &Path) -> Result<Option<File>, Distrust> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .map(Some)
        .map_err(Distrust::Io)
}

impl Distrust {
    /// One line saying why the output `path` (given to `flag`) is refused and what to do.
    pub fn output_message(&self, flag: &str, path: &Path) -> String {
        let shown = path.display();
        match self {
            Distrust::Owner { owner, euid } => format!(
                "the output {shown} is or leads to a file of uid {owner}, not of the user running \
                 credstore (uid {euid}) or root: its owner could read what is written there; \
                 choose another path for {flag} (or remove it)"
            ),
            other => format!(
                "{}; the output goes nowhere else: choose another path for {flag}",
                other.message("the output", path)
            ),
        }
    }
}

/// Opens an existing file for reading if it can be trusted, like ssh does for its keys:
/// not a symbolic link, a regular file, owned by the effective user, and none of the
/// permission bits in `forbidden` set (`0o077` for a key, `0o022` for a file others may
/// read but not change). Returns the open file and its metadata (of the handle, so the
/// checked file is the one read).
///
/// The open never blocks and never follows a link (`O_NOFOLLOW | O_NONBLOCK`): a FIFO is
/// refused at once instead of waiting forever for a writer.
#[cfg(unix)]
pub(crate) fn open_trusted(
    path: &Path,
    forbidden: u32,
) -> Result<(File, std::fs::Metadata), Distrust> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => File::from(fd),
        Err(e) if e == rustix::io::Errno::LOOP && is_symlink(path) => {
            return Err(Distrust::Symlink);
        }
        Err(e) => return Err(Distrust::Io(e.into())),
    };
    let meta = file.metadata().map_err(Distrust::Io)?;
    check(&meta, forbidden, rustix::process::geteuid().as_raw())?;
    Ok((file, meta))
}

/// Opens an existing file for reading; only its type is checked on this platform.
#[cfg(not(unix))]
pub(crate) fn open_trusted(
    path: &Path,
    _forbidden: u32,
) -> Result<(File, std::fs::Metadata), Distrust> {
    let file = File::open(path).map_err(Distrust::Io)?;
    let meta = file.metadata().map_err(Distrust::Io)?;
    if !meta.is_file() {
        return Err(Distrust::NotRegular("not a file"));
    }
    Ok((file, meta))
}

/// Whether `path` itself is a symbolic link (ELOOP also means a loop in its directories).
#[cfg(unix)]
fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// The checks of [`open_trusted`] on an open file's metadata, with the effective uid given
/// (so tests can play another user).
#[cfg(unix)]
fn check(meta: &std::fs::Metadata, forbidden: u32, euid: u32) -> Result<(), Distrust> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let kind = meta.file_type();
    if !kind.is_file() {
        let name = if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_dir() {
            "a directory"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "not a file"
        };
        return Err(Distrust::NotRegular(name));
    }
    if meta.uid() != euid {
        return Err(Distrust::Owner {
            owner: meta.uid(),
            euid,
        });
    }
    let mode = meta.mode() & 0o7777;
    if mode & forbidden & 0o777 != 0 {
        return Err(Distrust::Mode(mode & 0o777));
    }
    Ok(())
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn euid() -> u32 {
        rustix::process::geteuid().as_raw()
    }

    fn private(dir: &Path, name: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        create_new(&path).unwrap();
        path
    }

    #[test]
    fn accepts_a_private_file_of_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = private(dir.path(), "f");
        let (_file, meta) = open_trusted(&path, 0o077).unwrap();
        assert!(meta.is_file());
    }

    #[test]
    fn refuses_another_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = private(dir.path(), "f");
        let meta = std::fs::metadata(&path).unwrap();
        check(&meta, 0o077, euid()).unwrap();
        let other = euid().wrapping_add(1);
        match check(&meta, 0o077, other) {
            Err(Distrust::Owner { owner, euid: e }) => {
                assert_eq!((owner, e), (euid(), other));
            }
            r => panic!("expected Owner, got {r:?}"),
        }
        let msg = check(&meta, 0o077, other)
            .unwrap_err()
            .message("the master key file", &path);
        assert!(msg.contains(&format!("uid {}", euid())), "{msg}");
        assert!(
            msg.contains(&format!("chown {other} {}", path.display())),
            "{msg}"
        );
    }

    #[test]
    fn refuses_forbidden_permission_bits() {
        let dir = tempfile::tempdir().unwrap();
        let path = private(dir.path(), "f");
        for (mode, forbidden, access) in [
            (0o640, 0o077, Some("read")),
            (0o620, 0o077, Some("change")),
            (0o606, 0o077, Some("read or change")),
            (0o602, 0o022, Some("change")),
            (0o666, 0o022, Some("read or change")),
            (0o644, 0o022, None),
            (0o600, 0o077, None),
            (0o400, 0o077, None),
        ] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let result = open_trusted(&path, forbidden);
            match (access, result) {
                (None, Ok(_)) => {}
                (Some(access), Err(e @ Distrust::Mode(_))) => {
                    let msg = e.message("the file", &path);
                    assert!(msg.contains(&format!("{mode:04o}")), "{msg}");
                    assert!(msg.contains(&format!("users {access} it")), "{msg}");
                    assert!(
                        msg.contains(&format!("chmod 600 {}", path.display())),
                        "{msg}"
                    );
                }
                (expected, got) => panic!("mode {mode:o}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn refuses_symlinks_without_following_them() {
        let dir = tempfile::tempdir().unwrap();
        let target = private(dir.path(), "target");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(open_trusted(&link, 0o077), Err(Distrust::Symlink)));
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(matches!(
            open_trusted(&dangling, 0o077),
            Err(Distrust::Symlink)
        ));
        let msg = Distrust::Symlink.message("the database file", &link);
        assert!(msg.contains("symbolic link"), "{msg}");
    }

    #[test]
    fn refuses_a_fifo_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        // A blocking open would wait here forever: nothing ever opens the FIFO to write.
        match open_trusted(&fifo, 0o077) {
            Err(e @ Distrust::NotRegular("a FIFO")) => {
                let msg = e.message("the master key file", &fifo);
                assert!(msg.contains("not a regular file"), "{msg}");
            }
            r => panic!("expected NotRegular, got {r:?}"),
        }
        assert!(matches!(
            open_trusted(dir.path(), 0o077),
            Err(Distrust::NotRegular("a directory"))
        ));
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        match open_trusted(&dir.path().join("missing"), 0o077) {
            Err(Distrust::Io(e)) => assert_eq!(e.kind(), io::ErrorKind::NotFound),
            r => panic!("expected Io, got {r:?}"),
        }
    }
}
