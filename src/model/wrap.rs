//! A data key's wrap under one KMS key in one region: the shape shared by a record's
//! replica wraps and an envelope's header. Making and opening wraps is `kms::wraps`'s job.

use std::fmt;

/// The most wraps one record or envelope may carry (a home region and replicas).
pub const MAX_WRAPS: usize = 16;

/// One wrap of a data key: the region of the KMS key, the key (an ARN as KMS reported
/// it; empty when unknown), and the wrapped key. An empty `blob` in a record's wraps
/// means "the home blob" (the `key` attribute): a multi-Region key opens it in any
/// region holding a replica of the key.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyWrap {
    /// The KMS region ("" for the embedded backend, or unknown: the reader's region).
    pub region: String,
    /// The key ARN (or "" when the key service does not name keys).
    pub key: String,
    /// The KMS CiphertextBlob (empty: the home blob).
    pub blob: Vec<u8>,
}

impl fmt::Debug for KeyWrap {
    // The wrapped key is not secret, but it is key material: never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyWrap")
            .field("region", &self.region)
            .field("key", &self.key)
            .field("blob_len", &self.blob.len())
            .finish()
    }
}

/// True for a well-formed AWS region name (`us-east-1`, `cn-north-1`, `us-gov-west-1`):
/// lowercase letters, digits and single dashes. A region read from a table is checked
/// before the SDK makes an endpoint of it.
pub fn is_region_name(region: &str) -> bool {
    (2..=40).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-')
        && !region.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names() {
        for ok in ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1"] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in [
            "",
            "-us",
            "us-",
            "us--east",
            "US-EAST-1",
            "evil.com/x",
            "a b",
            "x",
        ] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }
}
