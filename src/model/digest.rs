//! The HMAC digest a record names (`digest` attribute): a leaf of the data model, so the
//! record decoder and the cipher suite share it without depending on each other.

use hmac::digest::OutputSizeUser;
use std::fmt;
use std::str::FromStr;

/// The HMAC digest of a record (`digest` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Digest {
    /// SHA-1, stored as `SHA` (credstash) or `SHA1` (rucredstash).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256, the default.
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// MD5.
    Md5,
}

/// An unknown `digest` name.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown digest {0:?} (expected SHA, SHA224, SHA256, SHA384, SHA512 or MD5)")]
pub struct UnknownDigest(pub String);

impl Digest {
    /// The name written to the `digest` attribute (credstash spelling: `SHA` for SHA-1).
    pub fn name(self) -> &'static str {
        match self {
            Digest::Sha1 => "SHA",
            Digest::Sha224 => "SHA224",
            Digest::Sha256 => "SHA256",
            Digest::Sha384 => "SHA384",
            Digest::Sha512 => "SHA512",
            Digest::Md5 => "MD5",
        }
    }

    /// Every digest (for tests and help text).
    pub const ALL: [Digest; 6] = [
        Digest::Sha1,
        Digest::Sha224,
        Digest::Sha256,
        Digest::Sha384,
        Digest::Sha512,
        Digest::Md5,
    ];

    /// Length in bytes of this digest's HMAC (hex text is twice as long).
    pub fn output_len(self) -> usize {
        match self {
            Digest::Sha1 => <sha1::Sha1 as OutputSizeUser>::output_size(),
            Digest::Sha224 => <sha2::Sha224 as OutputSizeUser>::output_size(),
            Digest::Sha256 => <sha2::Sha256 as OutputSizeUser>::output_size(),
            Digest::Sha384 => <sha2::Sha384 as OutputSizeUser>::output_size(),
            Digest::Sha512 => <sha2::Sha512 as OutputSizeUser>::output_size(),
            Digest::Md5 => <md5::Md5 as OutputSizeUser>::output_size(),
        }
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Digest {
    type Err = UnknownDigest;
    /// Accepts credstash's names and `SHA1`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "SHA" | "SHA1" => Ok(Digest::Sha1),
            "SHA224" => Ok(Digest::Sha224),
            "SHA256" => Ok(Digest::Sha256),
            "SHA384" => Ok(Digest::Sha384),
            "SHA512" => Ok(Digest::Sha512),
            "MD5" => Ok(Digest::Md5),
            _ => Err(UnknownDigest(s.to_owned())),
        }
    }
}
