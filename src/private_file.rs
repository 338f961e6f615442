//! Creating files only their owner can read or write (mode 0600), never replacing one.

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
