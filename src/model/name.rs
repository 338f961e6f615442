//! Secret names: the rules a name must follow before anything is written.

/// DynamoDB's limit for a partition key value, in bytes.
pub(crate) const MAX_NAME_LEN: usize = 2048;

/// Why a secret name was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameError {
    /// Empty name.
    #[error("the secret name is empty")]
    Empty,
    /// Longer than DynamoDB allows.
    #[error("the secret name is {0} bytes; the limit is {MAX_NAME_LEN}")]
    TooLong(usize),
    /// Contains a control or format character (newline, NUL, escape, U+202E, U+200B...),
    /// which would print as something else on a terminal.
    #[error(
        "the secret name contains the invisible or control character U+{0:04X}; use printable characters only"
    )]
    ControlCharacter(u32),
}

/// Checks a name for writing: non-empty, at most 2048 bytes, no control or format
/// characters (see [`crate::printable`]).
pub(crate) fn validate(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        Err(NameError::Empty)
    } else if name.len() > MAX_NAME_LEN {
        Err(NameError::TooLong(name.len()))
    } else if let Some(c) = crate::printable::first_unsafe(name) {
        Err(NameError::ControlCharacter(u32::from(c)))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names() {
        for n in [
            "db.password",
            "app1/prod/token",
            "a",
            "ünïcödé ✓",
            "with space",
        ] {
            assert_eq!(validate(n), Ok(()), "{n:?}");
        }
        assert_eq!(validate(&"x".repeat(MAX_NAME_LEN)), Ok(()));
    }

    #[test]
    fn refuses_bad_names() {
        assert_eq!(validate(""), Err(NameError::Empty));
        assert_eq!(validate(&"x".repeat(2049)), Err(NameError::TooLong(2049)));
        // The limit is in bytes: 1025 two-byte characters are 2050 bytes.
        assert_eq!(validate(&"é".repeat(1025)), Err(NameError::TooLong(2050)));
        for n in [
            "a\nb",
            "a\0b",
            "\u{1b}[31m",
            "tab\there",
            "\u{85}",
            "evil\u{202e}txt",
            "zero\u{200b}width",
            "line\u{2028}sep",
        ] {
            assert!(
                matches!(validate(n), Err(NameError::ControlCharacter(_))),
                "{n:?}"
            );
        }
        assert_eq!(
            validate("x\u{202e}"),
            Err(NameError::ControlCharacter(0x202e))
        );
    }
}
