//! Finding the external programs the suites run (moto_server, credstash, parliament, chroot):
//! the variable that names one, else the virtualenv scripts/test makes, else PATH.

use std::path::{Path, PathBuf};

/// The program `var` names (which must then exist), else `venv` (relative to the crate) when
/// scripts/test has made it.
pub(crate) fn find_tool(var: &str, venv: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        let p = PathBuf::from(p);
        assert!(p.is_file(), "{var}={} is not a file", p.display());
        return Some(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(venv);
    venv.is_file().then_some(venv)
}

/// The first executable file called `name` on PATH.
pub(crate) fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}
