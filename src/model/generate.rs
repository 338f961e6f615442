//! Generated secret values: characters drawn uniformly from an alphabet with the OS
//! CSPRNG (`getrandom`), by rejection sampling so that no character is more likely
//! than another (no modulo bias).

use super::secret::SecretBytes;
use zeroize::Zeroizing;

/// The longest value `generate` makes (far above any password policy, far below an item).
pub(crate) const MAX_LENGTH: usize = 4096;

/// An alphabet to draw characters from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charset(Vec<char>);

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Charset {
    /// Length of a generated value when none is asked for.
    pub const DEFAULT_LENGTH: usize = 32;

    /// `length` characters of this alphabet, each uniform and independent, from the OS
    /// CSPRNG.
    pub fn generate(&self, length: usize) -> Result<SecretBytes, GenerateError> {
        generate_with(self, length, |buf| {
            getrandom::getrandom(buf).map_err(|e| GenerateError::Random(e.to_string()))
        })
    }

    /// A named alphabet (`alnum`, `hex`, `base64`, `urlsafe`, `printable`), else the
    /// characters of `spec` themselves (at least two different, printable, no space).
    pub fn parse(spec: &str) -> Result<Charset, String> {
        let chars: String = match spec {
            "alnum" => ALNUM.into(),
            "hex" => "0123456789abcdef".into(),
            "base64" => format!("{ALNUM}+/"),
            "urlsafe" => format!("{ALNUM}-_"),
            // Every visible ASCII character: no space, nothing a terminal interprets.
            "printable" => (0x21u8..=0x7e).map(char::from).collect(),
            custom => {
                if let Some(c) = custom
                    .chars()
                    .find(|c| c.is_control() || c.is_whitespace() || !c.is_ascii())
                {
                    return Err(format!(
                        "the charset {custom:?} holds U+{:04X}; give visible ASCII characters \
                         (or alnum, hex, base64, urlsafe, printable)",
                        u32::from(c)
                    ));
                }
                custom.into()
            }
        };
        let mut set: Vec<char> = chars.chars().collect();
        set.sort_unstable();
        set.dedup();
        if set.len() < 2 {
            return Err(format!(
                "the charset {spec:?} has fewer than two different characters; give more \
                 (or alnum, hex, base64, urlsafe, printable)"
            ));
        }
        Ok(Charset(set))
    }

    /// How many characters the alphabet has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a charset has at least two characters.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `c` is one of the alphabet's characters.
    pub fn contains(&self, c: char) -> bool {
        self.0.binary_search(&c).is_ok()
    }
}

impl Default for Charset {
    fn default() -> Self {
        // Sorted, as `parse` makes every charset (`contains` searches it).
        let mut set: Vec<char> = ALNUM.chars().collect();
        set.sort_unstable();
        Charset(set)
    }
}

/// Why no value was generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The length is 0 or above 4096.
    #[error("a generated value is 1 to {MAX_LENGTH} characters long, not {0}")]
    Length(usize),
    /// The OS random source failed.
    #[error("the operating system's random source failed: {0}")]
    Random(String),
}

/// [`generate`] with its random source given (tests drive it with fixed bytes).
fn generate_with(
    charset: &Charset,
    length: usize,
    mut fill: impl FnMut(&mut [u8]) -> Result<(), GenerateError>,
) -> Result<SecretBytes, GenerateError> {
    if length == 0 || length > MAX_LENGTH {
        return Err(GenerateError::Length(length));
    }
    let n = charset.len();
    // Alphabets are ASCII and at most 94 long: one byte per draw. Bytes at or above the
    // largest multiple of n are rejected, so every index is equally likely.
    let n_u16 = u16::try_from(n).unwrap_or(256).min(256);
    let zone = 256 - (256 % n_u16);
    let mut out = Zeroizing::new(Vec::with_capacity(length));
    let mut pool = Zeroizing::new([0u8; 64]);
    while out.len() < length {
        fill(&mut pool[..])?;
        for &b in pool.iter() {
            if u16::from(b) < zone && out.len() < length {
                let c = charset.0[usize::from(b) % n];
                // ASCII only (checked by `parse`): one byte per character.
                out.push(u8::try_from(u32::from(c)).unwrap_or(b'?'));
            }
        }
    }
    pool.fill(0);
    Ok(SecretBytes::new(std::mem::take(&mut *out)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_charsets() {
        assert_eq!(Charset::parse("alnum").unwrap().len(), 62);
        assert_eq!(Charset::parse("hex").unwrap().len(), 16);
        assert_eq!(Charset::parse("base64").unwrap().len(), 64);
        assert_eq!(Charset::parse("urlsafe").unwrap().len(), 64);
        assert_eq!(Charset::parse("printable").unwrap().len(), 94);
        assert_eq!(Charset::parse("abcabc").unwrap().len(), 3);
        assert!(Charset::parse("aaaa").is_err());
        assert!(Charset::parse("ab c").is_err());
        assert!(Charset::parse("ab\u{1b}").is_err());
        assert!(Charset::parse("abé").is_err());
    }

    #[test]
    fn length_and_alphabet() {
        for spec in ["alnum", "hex", "base64", "urlsafe", "printable", "xyz!"] {
            let set = Charset::parse(spec).unwrap();
            for len in [1, 7, 32, 200] {
                let v = set.generate(len).unwrap();
                let text = std::str::from_utf8(v.expose()).unwrap();
                assert_eq!(text.chars().count(), len);
                assert!(text.chars().all(|c| set.contains(c)), "{spec}: {text}");
            }
        }
        assert!(Charset::default().generate(0).is_err());
        assert!(Charset::default().generate(MAX_LENGTH + 1).is_err());
    }

    #[test]
    fn bytes_past_the_last_multiple_are_rejected() {
        // 62 characters: 256 % 62 = 8, so bytes 248..=255 must be rejected, never mapped.
        let set = Charset::default();
        let mut calls = 0;
        let v = generate_with(&set, 2, |buf| {
            calls += 1;
            if calls == 1 {
                buf.fill(255); // all rejected
            } else {
                buf.fill(0);
                buf[1] = 61;
                buf[0] = 247; // 247 % 62 = 61, accepted
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(calls, 2);
        assert_eq!(v.expose(), b"zz");
    }

    #[test]
    fn every_character_is_drawn_about_evenly() {
        // 3 characters: a modulo of bytes would favour the first (86/85/85 of 256); with
        // rejection they are equal. 30000 draws: each within 5% of 10000.
        let set = Charset::parse("abc").unwrap();
        let v = set.generate(4096).unwrap();
        let mut counts = [0usize; 3];
        for _ in 0..7 {
            let v = set.generate(4096).unwrap();
            for &b in v.expose() {
                counts[usize::from(b - b'a')] += 1;
            }
        }
        assert_eq!(v.len(), 4096);
        let total: usize = counts.iter().sum();
        for c in counts {
            let share = c as f64 / total as f64;
            assert!((share - 1.0 / 3.0).abs() < 0.02, "{counts:?}");
        }
    }
}
