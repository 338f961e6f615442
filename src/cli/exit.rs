//! Exit codes, and how a command's failure is reported: once, on stderr.

use crate::cli::diag::diag;
use credstore::{Error, ErrorKind};
use std::io;
use std::process::ExitCode;

/// Success.
pub(crate) const SUCCESS: u8 = 0;
/// Any other error.
pub(crate) const OTHER: u8 = 1;
/// Usage or invalid input.
pub(crate) const USAGE: u8 = 2;
/// Secret or version not found.
pub(crate) const NOT_FOUND: u8 = 3;
/// HMAC or format failure.
pub(crate) const INTEGRITY: u8 = 4;
/// The key service refused (context mismatch, access denied, strict mode).
pub(crate) const KEY_REFUSED: u8 = 5;
/// The version already exists.
pub(crate) const CONFLICT: u8 = 6;
/// The version read is past its expiry and --strict refuses it.
pub(crate) const EXPIRED: u8 = 7;

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A library error.
    Lib(Error),
    /// Invalid usage found after parsing (bad value source, bad JSON...).
    Usage(String),
    /// Another failure (I/O on our side).
    Other(String),
    /// Output went to a closed pipe: not an error for the user (like `head`).
    BrokenPipe,
    /// Already reported on stderr (e.g. per-entry putall failures); exit with this code.
    Reported(u8),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Lib(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Other(format!("cannot write output: {e}"))
        }
    }
}

/// The exit code of a library error.
pub(crate) fn code_of(e: &Error) -> u8 {
    match e.kind() {
        ErrorKind::Usage => USAGE,
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Integrity => INTEGRITY,
        ErrorKind::KeyRefused => KEY_REFUSED,
        ErrorKind::Conflict => CONFLICT,
        ErrorKind::Expired => EXPIRED,
        _ => OTHER,
    }
}

impl Failure {
    /// The exit code.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Failure::Lib(e) => code_of(e),
            Failure::Usage(_) => USAGE,
            Failure::Other(_) => OTHER,
            Failure::BrokenPipe => SUCCESS,
            Failure::Reported(code) => *code,
        }
    }

    /// Prints the failure once on stderr and returns the exit code.
    pub(crate) fn report(self) -> ExitCode {
        match &self {
            Failure::Lib(Error::Several(errors)) => {
                for line in grouped(errors) {
                    diag!("error: {line}");
                }
            }
            Failure::Lib(e) => diag!("error: {e}"),
            Failure::Usage(m) | Failure::Other(m) => diag!("error: {m}"),
            Failure::BrokenPipe | Failure::Reported(_) => {}
        }
        ExitCode::from(self.code())
    }
}

/// The lines of several failures: the same context mismatch or the same kind of KMS
/// refusal over many secrets (`exec --all` with a context that fits none) is one line
/// naming the secrets, not one per secret.
fn grouped(errors: &[Error]) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut lines = Vec::new();
    for e in errors {
        let group = match e {
            Error::ContextMismatch { name, key, .. } => Some((
                format!(
                    "context key {key:?} was stored with a different value; pass the values \
                     they were written with, or omit it"
                ),
                name,
            )),
            Error::KeyRefused { name, source, .. } => {
                Some((format!("the key service refused; {}", source.hint()), name))
            }
            _ => None,
        };
        match group {
            Some((what, name)) => groups.entry(what).or_default().push(name),
            None => lines.push(e.to_string()),
        }
    }
    for (what, names) in groups {
        let shown: Vec<String> = names
            .iter()
            .take(5)
            .map(|n| format!("{:?}", credstore::printable::escape(n)))
            .collect();
        let more = names.len().saturating_sub(shown.len());
        let list = if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        };
        let secrets = if names.len() == 1 {
            "secret"
        } else {
            "secrets"
        };
        lines.push(format!("{} {secrets} ({list}): {what}", names.len()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_alike_failures_are_one_line() {
        let mismatch = |name: &str| Error::ContextMismatch {
            name: name.into(),
            version: "1".into(),
            key: "env".into(),
        };
        let errors: Vec<Error> = (0..7).map(|i| mismatch(&format!("s{i}"))).collect();
        let lines = grouped(&errors);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("7 secrets (\"s0\", "), "{lines:?}");
        assert!(lines[0].contains("and 2 more"), "{lines:?}");
        assert!(lines[0].contains("context key \"env\""), "{lines:?}");
        let mixed = vec![mismatch("a"), Error::InvalidInput("other".into())];
        assert_eq!(grouped(&mixed).len(), 2);
    }

    #[test]
    fn codes_are_distinct_and_documented() {
        let codes = [
            SUCCESS,
            OTHER,
            USAGE,
            NOT_FOUND,
            INTEGRITY,
            KEY_REFUSED,
            CONFLICT,
            EXPIRED,
        ];
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(usize::from(*c), i);
        }
        let not_found = Error::NotFound {
            name: "x".into(),
            version: None,
        };
        assert_eq!(code_of(&not_found), NOT_FOUND);
        let conflict = Error::Conflict {
            name: "x".into(),
            version: "1".into(),
        };
        assert_eq!(code_of(&conflict), CONFLICT);
        assert_eq!(Failure::BrokenPipe.code(), SUCCESS);
        let broken = io::Error::new(io::ErrorKind::BrokenPipe, "x");
        assert!(matches!(Failure::from(broken), Failure::BrokenPipe));
    }
}
