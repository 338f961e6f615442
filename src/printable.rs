//! Text read from a table is attacker-controlled: this decides which characters may be
//! stored in names and comments, and escapes the rest before it reaches a terminal.
//!
//! Unsafe are the Unicode control characters (Cc: ESC, CR, LF, BEL, C1...), the format
//! characters (Cf: bidi overrides like U+202E, zero-width U+200B, soft hyphen...) and the
//! line and paragraph separators (U+2028, U+2029). Printed raw they forge lines, move
//! the cursor, set window titles, or make two names look alike.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Ranges of Unicode's general category Cf (format), Unicode 15.1.
const FORMAT_RANGES: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// True for a character that must never reach a terminal raw: Cc, Cf, U+2028, U+2029.
pub fn is_unsafe(c: char) -> bool {
    if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
        return true;
    }
    let code = u32::from(c);
    FORMAT_RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&code))
}

/// The first unsafe character of `s`, if any (for refusing names and comments at write time).
pub(crate) fn first_unsafe(s: &str) -> Option<char> {
    s.chars().find(|&c| is_unsafe(c))
}

/// `s` with every unsafe character written as `\u{XXXX}`; borrowed when nothing changes.
pub fn escape(s: &str) -> Cow<'_, str> {
    if first_unsafe(s).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters() {
        for c in [
            '\u{1b}',
            '\r',
            '\n',
            '\u{7}',
            '\0',
            '\u{85}',
            '\u{9b}',
            '\u{202e}',
            '\u{200b}',
            '\u{2028}',
            '\u{2029}',
            '\u{feff}',
            '\u{e0041}',
            '\u{ad}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in ['a', ' ', 'é', '✓', '/', '\\', '😀', '\u{a0}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn escapes_only_what_is_unsafe() {
        assert!(matches!(escape("db.password ünï"), Cow::Borrowed(_)));
        assert_eq!(
            escape("a\u{1b}]0;title\u{7}b\r\nc\u{202e}d"),
            "a\\u{001b}]0;title\\u{0007}b\\u{000d}\\u{000a}c\\u{202e}d"
        );
        assert_eq!(first_unsafe("ok\u{200b}"), Some('\u{200b}'));
        assert_eq!(first_unsafe("ok"), None);
    }
}
