//! Private files: creating them only their owner can read or write (mode 0600), never
//! replacing one, and opening existing ones only when they can be trusted (ssh-style checks).

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` with mode exactly 0600 (whatever the umask); fails with
/// `AlreadyExists` if it exists, so nothing is ever overwritten.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        // The umask may have removed bits we need (e.g. 0277 -> 0400); make it exactly 0600.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Why an existing file is not trusted to hold secrets or guard them.
#[derive(Debug)]
#[cfg_attr(not(unix), allow(dead_code))] // only the type is checked elsewhere
pub(crate) enum Distrust {
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
}

impl Distrust {
    /// One line saying what is wrong with `path` (described as `what`, e.g. "the master
    /// key file") and what to do about it. `Io` errors are reported by the caller, who
    /// knows what a missing file means.
    pub(crate) fn message(&self, what: &str, path: &Path) -> String {
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
