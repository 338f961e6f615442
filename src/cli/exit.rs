//! Exit codes, and how a command's failure is reported: once, on stderr.

use crate::cli::diag::diag;
use credstore::error::{Error, ErrorKind};
use std::io;
use std::process::ExitCode;

/// Success.
pub const SUCCESS: u8 = 0;
/// Any other error.
pub const OTHER: u8 = 1;
/// Usage or invalid input.
pub const USAGE: u8 = 2;
/// Secret or version not found.
pub const NOT_FOUND: u8 = 3;
/// HMAC or format failure.
pub const INTEGRITY: u8 = 4;
/// The key service refused (context mismatch, access denied, strict mode).
pub const KEY_REFUSED: u8 = 5;
/// The version already exists.
pub const CONFLICT: u8 = 6;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
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
pub fn code_of(e: &Error) -> u8 {
    match e.kind() {
        ErrorKind::Usage => USAGE,
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Integrity => INTEGRITY,
        ErrorKind::KeyRefused => KEY_REFUSED,
        ErrorKind::Conflict => CONFLICT,
        _ => OTHER,
    }
}

impl Failure {
    /// The exit code.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Lib(e) => code_of(e),
            Failure::Usage(_) => USAGE,
            Failure::Other(_) => OTHER,
            Failure::BrokenPipe => SUCCESS,
            Failure::Reported(code) => *code,
        }
    }

    /// Prints the failure once on stderr and returns the exit code.
    pub fn report(self) -> ExitCode {
        match &self {
            Failure::Lib(Error::Several(errors)) => {
                for e in errors {
                    diag!("error: {e}");
                }
            }
            Failure::Lib(e) => diag!("error: {e}"),
            Failure::Usage(m) | Failure::Other(m) => diag!("error: {m}"),
            Failure::BrokenPipe | Failure::Reported(_) => {}
        }
        ExitCode::from(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
