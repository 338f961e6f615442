//! The stored item: credstash's attribute names, tolerant decoding, and encoding.
//!
//! Format: FORMAT.md "Item attributes" and "Reading tolerantly".

use crate::context::EncryptionContext;
use crate::crypto::Digest;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;

/// Attribute names of an item.
pub mod attr {
    /// Hash key: the secret's name.
    pub const NAME: &str = "name";
    /// Range key: the (padded) version.
    pub const VERSION: &str = "version";
    /// base64 of the wrapped data key.
    pub const KEY: &str = "key";
    /// base64 of the ciphertext.
    pub const CONTENTS: &str = "contents";
    /// hex HMAC, S or B.
    pub const HMAC: &str = "hmac";
    /// digest name.
    pub const DIGEST: &str = "digest";
    /// optional comment.
    pub const COMMENT: &str = "comment";
    /// credstore: the encryption context used at write time (M of S).
    pub const CONTEXT: &str = "context";
    /// unix seconds at write time (N), as unicreds writes it.
    pub const CREATED_AT: &str = "created_at";
}

/// How the `hmac` attribute is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HmacEncoding {
    /// `S` with the hex text (older credstash, unicreds).
    #[default]
    String,
    /// `B` whose bytes are the hex text (Python 3 credstash >= 1.13.1).
    Binary,
}

/// One version of one secret as stored. Holds only encrypted material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The secret's name.
    pub name: String,
    /// The version string exactly as stored (usually 19 padded digits).
    pub version: String,
    /// The wrapped data key (KMS CiphertextBlob), decoded from base64.
    pub wrapped_key: Vec<u8>,
    /// The AES-CTR ciphertext, decoded from base64.
    pub ciphertext: Vec<u8>,
    /// Hex HMAC over the ciphertext, as stored (whitespace trimmed).
    pub hmac_hex: String,
    /// The digest of the HMAC (SHA256 when absent).
    pub digest: Digest,
    /// Optional comment (never secret).
    pub comment: Option<String>,
    /// The stored encryption context (credstore items only).
    pub context: Option<EncryptionContext>,
    /// Unix seconds at write time, when known.
    pub created_at: Option<i64>,
}

/// Why an item could not be read as a record. Names the item.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The item lacks a required attribute or has it with the wrong type.
    #[error("item {name:?} version {version:?}: attribute {attribute:?} is missing or not of the expected type")]
    BadAttribute {
        /// Item name ("" when unknown).
        name: String,
        /// Item version ("" when unknown).
        version: String,
        /// The attribute.
        attribute: &'static str,
    },
    /// base64 that does not decode.
    #[error("item {name:?} version {version:?}: attribute {attribute:?} is not valid base64")]
    BadBase64 {
        /// Item name.
        name: String,
        /// Item version.
        version: String,
        /// The attribute.
        attribute: &'static str,
    },
    /// A digest name we do not know.
    #[error("item {name:?} version {version:?}: unknown digest {digest:?}")]
    UnknownDigest {
        /// Item name.
        name: String,
        /// Item version.
        version: String,
        /// The stored digest.
        digest: String,
    },
    /// An item of another tool's format (credsmash `algorithm`, binary key/contents...).
    #[error("item {name:?} version {version:?} is not in the credstash format ({detail})")]
    ForeignFormat {
        /// Item name.
        name: String,
        /// Item version.
        version: String,
        /// What was found.
        detail: String,
    },
}

impl RecordError {
    /// The name of the item concerned ("" when unknown).
    pub fn item_name(&self) -> &str {
        todo!("H1")
    }
}

/// Decodes a DynamoDB item tolerantly: hmac S or B, missing digest, MIME-wrapped
/// base64, `SHA1`, unknown attributes ignored; other formats refused with a clear error.
pub fn decode(item: &HashMap<String, AttributeValue>) -> Result<Record, RecordError> {
    todo!("H1")
}

/// Encodes a record as credstash writes it (standard padded base64; `comment` only when
/// non-empty; `context` as M of S and `created_at` as N when present).
pub fn encode(record: &Record, hmac: HmacEncoding) -> HashMap<String, AttributeValue> {
    todo!("H1")
}
