//! Secret versions: credstash's 19-character zero padding and "latest" ordering.

/// Width credstash pads versions to (`PAD_LEN`, digits in `sys.maxint`).
pub(crate) const VERSION_WIDTH: usize = 19;

/// Longest version string accepted (DynamoDB's range key limit is 1024 bytes).
pub(crate) const MAX_VERSION_LEN: usize = 1024;

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
    /// Contains control or format characters (see [`crate::printable`]).
    #[error("the version contains control or invisible formatting characters")]
    ControlCharacter,
    /// A version to write is not an integer (`put -v 3`).
    #[error(
        "a version to write must be a whole number, like 3; leave -v out to write the next one"
    )]
    NotInteger,
}

/// Left-pads `v` with `0` to 19 characters, as credstash's `paddedInt` does for
/// `put -v` and `get -v`; longer strings are returned unchanged. Validates first.
///
/// Compatibility source: credstash 1.17.1 `paddedInt` (pads `str(i)` by its
/// length in characters, so this pads by `char`s too).
pub(crate) fn pad(v: &str) -> Result<String, VersionError> {
    validate(v)?;
    Ok(format!("{v:0>VERSION_WIDTH$}"))
}

/// Checks a version string: non-empty, at most [`MAX_VERSION_LEN`] bytes, no
/// control characters.
pub(crate) fn validate(v: &str) -> Result<(), VersionError> {
    if v.is_empty() {
        Err(VersionError::Empty)
    } else if v.len() > MAX_VERSION_LEN {
        Err(VersionError::TooLong)
    } else if crate::printable::first_unsafe(v).is_some() {
        Err(VersionError::ControlCharacter)
    } else {
        Ok(())
    }
}

/// The padded form of integer `n` (`1` -> `0000000000000000001`).
pub(crate) fn from_number(n: u64) -> String {
    format!("{n:0VERSION_WIDTH$}")
}

/// The integer value of a version made only of ASCII digits (padded or not), else None.
pub(crate) fn numeric(v: &str) -> Option<u64> {
    // `u64::from_str` alone would also accept a leading `+`.
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// The version that autoversion writes after the versions in `existing`:
/// one more than the greatest numeric one, padded; 1 when there is none.
///
/// "Numeric" here means any non-empty string of ASCII digits, of any size: the
/// arithmetic is done on the decimal text, as Python's unbounded `int` does in
/// credstash's `paddedInt(int(latest) + 1)`. So nothing saturates or wraps:
/// after `18446744073709551615` (`u64::MAX`) comes `18446744073709551616`.
/// Non-numeric versions are ignored.
pub(crate) fn next_after<'a>(existing: impl IntoIterator<Item = &'a str>) -> String {
    let greatest = existing
        .into_iter()
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .map(|v| {
            // Leading zeros carry no value; keep at least one digit.
            let trimmed = v.trim_start_matches('0');
            if trimmed.is_empty() { "0" } else { trimmed }
        })
        // Without leading zeros, a longer digit string is a larger number.
        .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    match greatest {
        Some(max) => {
            let next = increment_decimal(max);
            format!("{next:0>VERSION_WIDTH$}")
        }
        None => from_number(1),
    }
}

/// Adds one to a string of ASCII digits (no sign), of any length.
fn increment_decimal(digits: &str) -> String {
    let mut out: Vec<u8> = digits.bytes().collect();
    for d in out.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return String::from_utf8_lossy(&out).into_owned();
        }
    }
    // Every digit was 9: the carry adds a new leading 1.
    out.insert(0, b'1');
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pad_matches_padded_int() {
        assert_eq!(pad("1").unwrap(), "0000000000000000001");
        assert_eq!(pad("42").unwrap(), "0000000000000000042");
        assert_eq!(pad("0000000000000000007").unwrap(), "0000000000000000007");
        // paddedInt pads any string, not just digits.
        assert_eq!(pad("beta").unwrap(), "000000000000000beta");
        // Characters, not bytes, as Python's len().
        assert_eq!(pad("é").unwrap(), "000000000000000000é");
        let long = "12345678901234567890";
        assert_eq!(pad(long).unwrap(), long);
    }

    #[test]
    fn pad_validates() {
        assert_eq!(pad(""), Err(VersionError::Empty));
        assert_eq!(pad("1\n"), Err(VersionError::ControlCharacter));
        assert_eq!(pad("\u{7f}"), Err(VersionError::ControlCharacter));
        assert_eq!(pad("1\u{202e}"), Err(VersionError::ControlCharacter));
        assert_eq!(pad(&"1".repeat(1025)), Err(VersionError::TooLong));
        assert!(pad(&"1".repeat(1024)).is_ok());
    }

    #[test]
    fn from_number_pads() {
        assert_eq!(from_number(0), "0000000000000000000");
        assert_eq!(from_number(1), "0000000000000000001");
        assert_eq!(from_number(1234567890), "0000000001234567890");
        assert_eq!(from_number(u64::MAX), "18446744073709551615");
    }

    #[test]
    fn numeric_values() {
        assert_eq!(numeric("0000000000000000003"), Some(3));
        assert_eq!(numeric("4"), Some(4));
        assert_eq!(numeric("0"), Some(0));
        assert_eq!(numeric("18446744073709551615"), Some(u64::MAX));
        assert_eq!(numeric("18446744073709551616"), None);
        assert_eq!(numeric(""), None);
        assert_eq!(numeric("+4"), None);
        assert_eq!(numeric("-4"), None);
        assert_eq!(numeric(" 4"), None);
        assert_eq!(numeric("4a"), None);
        assert_eq!(numeric("٣"), None);
    }

    #[test]
    fn next_after_cases() {
        assert_eq!(next_after([]), "0000000000000000001");
        assert_eq!(next_after(["beta"]), "0000000000000000001");
        assert_eq!(next_after(["0000000000000000001"]), "0000000000000000002");
        // Mixed padded and unpadded legacy versions: numeric max, not string max.
        assert_eq!(
            next_after(["4", "0000000000000000010", "0000000000000000009"]),
            "0000000000000000011"
        );
        assert_eq!(
            next_after(["0000000000000000009", "x"]),
            "0000000000000000010"
        );
        assert_eq!(next_after(["0", "000"]), "0000000000000000001");
        assert_eq!(next_after(["9999999999999999999"]), "10000000000000000000");
        assert_eq!(next_after(["18446744073709551615"]), "18446744073709551616");
        assert_eq!(
            next_after(["999999999999999999999999"]),
            "1000000000000000000000000"
        );
    }

    #[test]
    fn increment_decimal_carries() {
        assert_eq!(increment_decimal("0"), "1");
        assert_eq!(increment_decimal("19"), "20");
        assert_eq!(increment_decimal("99"), "100");
    }

    proptest! {
        #[test]
        fn next_after_is_max_plus_one(vals in proptest::collection::vec(0u64..u64::MAX, 0..8), padded in any::<bool>()) {
            let strings: Vec<String> = vals
                .iter()
                .map(|n| if padded { from_number(*n) } else { n.to_string() })
                .collect();
            let next = next_after(strings.iter().map(String::as_str));
            let expected = vals.iter().max().map_or(1, |m| m + 1);
            prop_assert_eq!(next, from_number(expected));
        }

        #[test]
        fn pad_then_numeric(n in any::<u64>()) {
            prop_assert_eq!(numeric(&pad(&n.to_string()).unwrap()), Some(n));
            prop_assert_eq!(numeric(&from_number(n)), Some(n));
        }
    }
}
