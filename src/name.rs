//! Secret names: the rules a name must follow before anything is written.

/// DynamoDB's limit for a partition key value, in bytes.
pub const MAX_NAME_LEN: usize = 2048;

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
    /// Contains control characters (newline, NUL, escape...).
    #[error("the secret name contains control characters")]
    ControlCharacter,
}

/// Checks a name for writing: non-empty, at most 2048 bytes, no control characters.
pub fn validate(name: &str) -> Result<(), NameError> {
    todo!("H1")
}
