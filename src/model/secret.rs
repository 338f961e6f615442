//! Secret bytes in memory: zeroized on drop, never printed.

use std::fmt;
use zeroize::Zeroizing;

/// A secret value (plaintext). Its `Debug` prints `[redacted]`; its memory is
/// wiped when dropped. It is not `Clone` (a copy of a secret is made on purpose, with
/// [`SecretBytes::duplicate`]) and not `PartialEq` (compare with
/// [`SecretBytes::ct_eq`], in constant time).
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Wraps bytes that are already owned.
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretBytes(Zeroizing::new(bytes))
    }

    /// The plaintext. Keep the borrow short and never log it.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// A second copy of the secret, itself wiped when dropped.
    pub fn duplicate(&self) -> SecretBytes {
        SecretBytes::new(self.0.to_vec())
    }

    /// True when both hold the same bytes; the time taken depends on the lengths only.
    pub fn ct_eq(&self, other: &SecretBytes) -> bool {
        use subtle::ConstantTimeEq;
        self.0.len() == other.0.len() && bool::from(self.0.as_slice().ct_eq(other.0.as_slice()))
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for the empty secret.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(bytes: Vec<u8>) -> Self {
        SecretBytes::new(bytes)
    }
}

impl From<&str> for SecretBytes {
    fn from(text: &str) -> Self {
        SecretBytes::new(text.as_bytes().to_vec())
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = SecretBytes::from("hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(s.expose(), b"hunter2");
    }
}
