//! Secret versions: credstash's 19-character zero padding and "latest" ordering.

/// Width credstash pads versions to (`PAD_LEN`, digits in `sys.maxint`).
pub const VERSION_WIDTH: usize = 19;

/// Longest version string accepted (DynamoDB's range key limit is 1024 bytes).
pub const MAX_VERSION_LEN: usize = 1024;

/// Why a version string was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum VersionError {
    /// Empty version.
    #[error("the version is empty")]
    Empty,
    /// Too long.
    #[error("the version is longer than {MAX_VERSION_LEN} bytes")]
    TooLong,
    /// Contains control characters.
    #[error("the version contains control characters")]
    ControlCharacter,
}

/// Left-pads `v` with `0` to 19 characters, as credstash's `paddedInt` does for
/// `put -v` and `get -v`; longer strings are returned unchanged. Validates first.
pub fn pad(v: &str) -> Result<String, VersionError> {
    todo!("H1")
}

/// The padded form of integer `n` (`1` -> `0000000000000000001`).
pub fn from_number(n: u64) -> String {
    todo!("H1")
}

/// The integer value of a version made only of ASCII digits (padded or not), else None.
pub fn numeric(v: &str) -> Option<u64> {
    todo!("H1")
}

/// The version that autoversion writes after the versions in `existing`:
/// one more than the greatest numeric one, padded; 1 when there is none.
pub fn next_after<'a>(existing: impl IntoIterator<Item = &'a str>) -> String {
    todo!("H1")
}
