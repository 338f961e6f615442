//! The stored record: credstash's attribute names, and the one tolerant step that turns
//! what a store read ([`StoredItem`]) into a [`Record`].
//!
//! Every store (DynamoDB, SQLite) reads an item into a [`StoredItem`] of plain values;
//! [`decode`] applies the format's rules to it, so both stores read alike.
//! Format: FORMAT.md "Item attributes" and "Reading tolerantly".

use crate::model::context::EncryptionContext;
use crate::model::digest::Digest;
use crate::model::metadata::Metadata;
use crate::model::wrap::{KeyWrap, MAX_WRAPS, is_region_name};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;

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
    /// credsmash's cipher name; only `aes-ctr-legacy` is this format.
    pub const ALGORITHM: &str = "algorithm";
    /// credstore: the wraps of the data key by region (M of M), FORMAT.md "Replica wraps".
    pub const WRAPS: &str = "wraps";
    /// credstore metadata (not authenticated): who wrote the version (S).
    pub const CREATED_BY: &str = "created_by";
    /// credstore metadata (not authenticated): unix seconds of expiry (N).
    pub const EXPIRES_AT: &str = "expires_at";
    /// credstore metadata (not authenticated): tags (M of S).
    pub const TAGS: &str = "tags";
    /// In a wrap: the key ARN (S).
    pub const WRAP_ARN: &str = "arn";
    /// In a wrap: base64 of the wrapped key (S); absent means the `key` attribute's.
    pub const WRAP_KEY: &str = "key";
}

/// The only `algorithm` value (credsmash) that means credstash's format.
pub const LEGACY_ALGORITHM: &str = "aes-ctr-legacy";

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
    /// The data key's wraps by region (credstore items written with replica regions;
    /// empty otherwise). A wrap with an empty blob stands for `wrapped_key`.
    pub wraps: Vec<KeyWrap>,
    /// Who wrote it, its expiry, its tags: in clear, not authenticated.
    pub meta: Metadata,
}

/// Why an item could not be read as a record. Names the item.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The item lacks a required attribute or has it with the wrong type.
    #[error(
        "item {name:?} version {version:?}: attribute {attribute:?} is missing or not of the expected type"
    )]
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
        match self {
            RecordError::BadAttribute { name, .. }
            | RecordError::BadBase64 { name, .. }
            | RecordError::UnknownDigest { name, .. }
            | RecordError::ForeignFormat { name, .. } => name,
        }
    }
}

/// What `list` and `history` show of an item: never the value or key material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The name.
    pub name: String,
    /// The version.
    pub version: String,
    /// The comment, if any.
    pub comment: Option<String>,
    /// Unix seconds at write time, if recorded.
    pub created_at: Option<i64>,
    /// The stored encryption context, when the summary comes from a whole item (history);
    /// None from a projected scan (list) and for items that store none.
    pub context: Option<EncryptionContext>,
    /// The regions holding a wrap of the data key (replica wraps), when the summary
    /// comes from a whole item (history); empty otherwise.
    pub regions: Vec<String>,
    /// Who wrote it, its expiry, its tags: in clear, not authenticated.
    pub meta: Metadata,
}

impl From<&Record> for Summary {
    fn from(r: &Record) -> Self {
        Summary {
            name: r.name.clone(),
            version: r.version.clone(),
            comment: r.comment.clone(),
            created_at: r.created_at,
            context: r.context.clone(),
            regions: r.wraps.iter().map(|w| w.region.clone()).collect(),
            meta: r.meta.clone(),
        }
    }
}

/// The attributes a [`Summary`] needs, for a projected scan.
pub const SUMMARY_ATTRIBUTES: [&str; 7] = [
    attr::NAME,
    attr::VERSION,
    attr::COMMENT,
    attr::CREATED_AT,
    attr::CREATED_BY,
    attr::EXPIRES_AT,
    attr::TAGS,
];

/// The attributes of a [`Summary`] with its context and wraps' regions (`list -f json`).
pub const DETAILED_SUMMARY_ATTRIBUTES: [&str; 9] = [
    attr::NAME,
    attr::VERSION,
    attr::COMMENT,
    attr::CREATED_AT,
    attr::CONTEXT,
    attr::WRAPS,
    attr::CREATED_BY,
    attr::EXPIRES_AT,
    attr::TAGS,
];

/// What a selection needs of an item before fetching it: its key, and whether its stored
/// context binds it to its name (for downgrade detection). Never key or value material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionKey {
    /// The name.
    pub name: String,
    /// The version, as stored.
    pub version: String,
    /// True when the stored context holds the reserved name-binding keys.
    pub bound: bool,
}

/// The attributes a [`VersionKey`] needs, for a projected scan.
pub const KEY_ATTRIBUTES: [&str; 3] = [attr::NAME, attr::VERSION, attr::CONTEXT];

/// One attribute value as a store read it, before the format's rules apply.
///
/// Deserializes from any self-describing format (DynamoDB items through serde_dynamo):
/// every value is accepted, and what it means is decided by [`decode`].
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    /// Text (DynamoDB S, SQLite TEXT).
    Text(String),
    /// Bytes (DynamoDB B, SQLite BLOB).
    Bytes(Vec<u8>),
    /// A number that fits an `i64` (DynamoDB N, SQLite INTEGER).
    Integer(i64),
    /// A number that does not fit an `i64`: a fraction, or out of range.
    OtherNumber(f64),
    /// A map (DynamoDB M).
    Map(BTreeMap<String, RawValue>),
    /// A value of a type the format never uses, by its type name (`BOOL`, `L`, `NULL`...).
    Other(&'static str),
}

impl RawValue {
    /// The type name of the value, for error details (DynamoDB's letters).
    pub fn type_name(&self) -> &'static str {
        match self {
            RawValue::Text(_) => "S",
            RawValue::Bytes(_) => "B",
            RawValue::Integer(_) | RawValue::OtherNumber(_) => "N",
            RawValue::Map(_) => "M",
            RawValue::Other(name) => name,
        }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

/// Accepts every serde value as a [`RawValue`].
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any attribute value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawValue, E> {
        Ok(RawValue::Other("BOOL"))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<RawValue, E> {
        Ok(RawValue::Integer(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(n).map_or(RawValue::OtherNumber(n as f64), RawValue::Integer))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<RawValue, E> {
        Ok(RawValue::OtherNumber(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<RawValue, E> {
        Ok(RawValue::Text(s))
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Bytes(b.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, b: Vec<u8>) -> Result<RawValue, E> {
        Ok(RawValue::Bytes(b))
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Other("NULL"))
    }

    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Other("NULL"))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(RawVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawValue::Other("L"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, RawValue>()? {
            entries.insert(k, v);
        }
        Ok(RawValue::Map(entries))
    }
}

/// What a binary (bytes) `key` or `contents` value means to the store that read it.
/// Text is always base64, as credstash writes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BinaryMaterial {
    /// Bytes are another tool's format (DynamoDB: credstash writes base64 text).
    #[default]
    Foreign,
    /// Bytes are the material itself (the SQLite store's BLOB columns).
    Raw,
}

/// An item as a store read it: the attributes the format knows, as plain values, with
/// unknown attributes already left out. [`decode`] turns it into a [`Record`].
///
/// A missing attribute and a NULL one are both `None`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct StoredItem {
    /// `name`: S.
    pub name: Option<RawValue>,
    /// `version`: S.
    pub version: Option<RawValue>,
    /// `key`: base64 S (or raw bytes, per [`StoredItem::binary_material`]).
    pub key: Option<RawValue>,
    /// `contents`: base64 S (or raw bytes, per [`StoredItem::binary_material`]).
    pub contents: Option<RawValue>,
    /// `hmac`: hex, as S or as B holding the hex text.
    pub hmac: Option<RawValue>,
    /// `digest`: S; absent means SHA256.
    pub digest: Option<RawValue>,
    /// `comment`: S, optional.
    pub comment: Option<RawValue>,
    /// `context`: M of S, optional (credstore items).
    pub context: Option<RawValue>,
    /// `created_at`: N, unix seconds, optional.
    pub created_at: Option<RawValue>,
    /// `algorithm`: credsmash's cipher name; only `aes-ctr-legacy` is this format.
    pub algorithm: Option<RawValue>,
    /// `wraps`: M of region -> M {`arn`: S, `key`: base64 S (optional)}.
    pub wraps: Option<RawValue>,
    /// `created_by`: S, optional metadata.
    pub created_by: Option<RawValue>,
    /// `expires_at`: N, unix seconds, optional metadata.
    pub expires_at: Option<RawValue>,
    /// `tags`: M of S, optional metadata.
    pub tags: Option<RawValue>,
    /// What bytes in `key` and `contents` mean to the store that read the item.
    #[serde(skip)]
    pub binary_material: BinaryMaterial,
}

/// Decodes standard base64 after removing ASCII whitespace (the Ruby port
/// MIME-wraps it), strictly otherwise.
pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    STANDARD.decode(compact)
}

/// Encodes bytes as credstash does: standard padded base64.
pub fn encode_base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// The item's identity, carried into every error.
struct Ident {
    name: String,
    version: String,
}

impl Ident {
    /// The item's key: `name` and `version`, both text.
    fn of(name: Option<RawValue>, version: Option<RawValue>) -> Result<Ident, RecordError> {
        let Some(RawValue::Text(name)) = name else {
            return Err(RecordError::BadAttribute {
                name: String::new(),
                version: String::new(),
                attribute: attr::NAME,
            });
        };
        match version {
            Some(RawValue::Text(version)) => Ok(Ident { name, version }),
            _ => Err(RecordError::BadAttribute {
                name,
                version: String::new(),
                attribute: attr::VERSION,
            }),
        }
    }

    fn bad(&self, attribute: &'static str) -> RecordError {
        RecordError::BadAttribute {
            name: self.name.clone(),
            version: self.version.clone(),
            attribute,
        }
    }

    fn foreign(&self, detail: String) -> RecordError {
        RecordError::ForeignFormat {
            name: self.name.clone(),
            version: self.version.clone(),
            detail,
        }
    }

    /// A required `key` or `contents`: base64 text, or bytes as `binary` says.
    fn material(
        &self,
        value: Option<RawValue>,
        attribute: &'static str,
        binary: BinaryMaterial,
    ) -> Result<Vec<u8>, RecordError> {
        match (value, binary) {
            (Some(RawValue::Text(text)), _) => {
                decode_base64(&text).map_err(|_| RecordError::BadBase64 {
                    name: self.name.clone(),
                    version: self.version.clone(),
                    attribute,
                })
            }
            (Some(RawValue::Bytes(bytes)), BinaryMaterial::Raw) => Ok(bytes),
            (Some(RawValue::Bytes(_)), BinaryMaterial::Foreign) => Err(self.foreign(format!(
                "attribute {attribute:?} is binary (B), not base64 text"
            ))),
            _ => Err(self.bad(attribute)),
        }
    }

    /// The optional `comment`; empty counts as absent.
    fn comment(&self, value: Option<RawValue>) -> Result<Option<String>, RecordError> {
        match value {
            None => Ok(None),
            Some(RawValue::Text(text)) if text.is_empty() => Ok(None),
            Some(RawValue::Text(text)) => Ok(Some(text)),
            Some(_) => Err(self.bad(attr::COMMENT)),
        }
    }

    /// The optional `context`: a map of text values.
    fn context(&self, value: Option<RawValue>) -> Result<Option<EncryptionContext>, RecordError> {
        match value {
            None => Ok(None),
            Some(RawValue::Map(map)) => {
                let mut entries = BTreeMap::new();
                for (k, v) in map {
                    match v {
                        RawValue::Text(value) => {
                            entries.insert(k, value);
                        }
                        _ => return Err(self.bad(attr::CONTEXT)),
                    }
                }
                Ok(Some(EncryptionContext::from_map(entries)))
            }
            Some(_) => Err(self.bad(attr::CONTEXT)),
        }
    }

    /// The optional `wraps`: at most [`MAX_WRAPS`] well-formed regions, each a map with
    /// a text `arn` and an optional base64 `key`. Anything else refuses the item: a
    /// region becomes an endpoint, so it is checked before any call.
    fn wraps(&self, value: Option<RawValue>) -> Result<Vec<KeyWrap>, RecordError> {
        let map = match value {
            None => return Ok(Vec::new()),
            Some(RawValue::Map(map)) if !map.is_empty() && map.len() <= MAX_WRAPS => map,
            Some(_) => return Err(self.bad(attr::WRAPS)),
        };
        let mut wraps = Vec::with_capacity(map.len());
        for (region, wrap) in map {
            let RawValue::Map(mut fields) = wrap else {
                return Err(self.bad(attr::WRAPS));
            };
            if !is_region_name(&region) {
                return Err(self.bad(attr::WRAPS));
            }
            let key = match fields.remove(attr::WRAP_ARN) {
                Some(RawValue::Text(arn)) if arn.len() <= 2048 => arn,
                _ => return Err(self.bad(attr::WRAPS)),
            };
            let blob = match fields.remove(attr::WRAP_KEY) {
                None => Vec::new(),
                Some(RawValue::Text(text)) => {
                    decode_base64(&text).map_err(|_| RecordError::BadBase64 {
                        name: self.name.clone(),
                        version: self.version.clone(),
                        attribute: attr::WRAPS,
                    })?
                }
                Some(_) => return Err(self.bad(attr::WRAPS)),
            };
            wraps.push(KeyWrap { region, key, blob });
        }
        Ok(wraps)
    }

    /// The optional `created_at` (an integer, unix seconds).
    fn created_at(&self, value: Option<RawValue>) -> Result<Option<i64>, RecordError> {
        match value {
            None => Ok(None),
            Some(RawValue::Integer(n)) => Ok(Some(n)),
            Some(_) => Err(self.bad(attr::CREATED_AT)),
        }
    }
}

/// Turns a stored item into a record, tolerantly: hmac as text or as bytes holding the
/// hex text, missing digest = SHA256, `SHA1` for SHA-1, MIME-wrapped base64, an empty
/// comment as none; items of other formats (credsmash's `algorithm`, binary key or
/// contents where the store writes text) refused with an error naming the item.
///
/// This is the one decoder of both stores. Compatibility source: credstash 1.17.1
/// `open_aes_ctr_legacy` (reads `key`, `contents`, `hmac` as str or Binary, `digest`
/// defaulting to SHA256) and FORMAT.md "Reading tolerantly".
pub fn decode(item: StoredItem) -> Result<Record, RecordError> {
    let id = Ident::of(item.name, item.version)?;

    // Another fork's item must be refused before its fields are misread.
    match item.algorithm {
        None => {}
        Some(RawValue::Text(alg)) if alg == LEGACY_ALGORITHM => {}
        Some(RawValue::Text(alg)) => {
            return Err(id.foreign(format!("algorithm {alg:?}")));
        }
        Some(other) => {
            return Err(id.foreign(format!(
                "attribute \"algorithm\" of type {}",
                other.type_name()
            )));
        }
    }

    let wrapped_key = id.material(item.key, attr::KEY, item.binary_material)?;
    let ciphertext = id.material(item.contents, attr::CONTENTS, item.binary_material)?;

    let hmac_hex = match item.hmac {
        Some(RawValue::Text(text)) => text.trim().to_owned(),
        // Python 3 credstash stores the hex *text* as a binary value.
        Some(RawValue::Bytes(bytes)) => std::str::from_utf8(&bytes)
            .map_err(|_| id.bad(attr::HMAC))?
            .trim()
            .to_owned(),
        _ => return Err(id.bad(attr::HMAC)),
    };

    let digest = match item.digest {
        None => Digest::Sha256,
        Some(RawValue::Text(text)) => text.parse().map_err(|_| RecordError::UnknownDigest {
            name: id.name.clone(),
            version: id.version.clone(),
            digest: text.clone(),
        })?,
        Some(_) => return Err(id.bad(attr::DIGEST)),
    };

    let comment = id.comment(item.comment)?;

    let context = id.context(item.context)?;

    let created_at = id.created_at(item.created_at)?;

    let wraps = id.wraps(item.wraps)?;

    let meta = Metadata::from_stored(item.created_by, item.expires_at, item.tags);

    Ok(Record {
        name: id.name,
        version: id.version,
        wrapped_key,
        ciphertext,
        hmac_hex,
        digest,
        comment,
        context,
        created_at,
        wraps,
        meta,
    })
}

/// Decodes the [`SUMMARY_ATTRIBUTES`] of a stored item (from a projected scan), and its
/// context and wraps when the projection holds them ([`DETAILED_SUMMARY_ATTRIBUTES`]); the
/// other attributes are not looked at.
pub fn decode_summary(item: StoredItem) -> Result<Summary, RecordError> {
    let id = Ident::of(item.name, item.version)?;
    let comment = id.comment(item.comment)?;
    let created_at = id.created_at(item.created_at)?;
    let context = id.context(item.context)?;
    let regions = id
        .wraps(item.wraps)?
        .into_iter()
        .map(|w| w.region)
        .collect();
    Ok(Summary {
        name: id.name,
        version: id.version,
        comment,
        created_at,
        context,
        regions,
        meta: Metadata::from_stored(item.created_by, item.expires_at, item.tags),
    })
}

/// Decodes the [`KEY_ATTRIBUTES`] of a stored item (from a projected scan); a `context`
/// of the wrong shape is refused as [`decode`] refuses it.
pub fn decode_key(item: StoredItem) -> Result<VersionKey, RecordError> {
    let id = Ident::of(item.name, item.version)?;
    let bound = id
        .context(item.context)?
        .as_ref()
        .is_some_and(EncryptionContext::is_bound);
    Ok(VersionKey {
        name: id.name,
        version: id.version,
        bound,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    //! The shared step on neutral items. The DynamoDB-shaped tolerance tests (S/B/N/NULL
    //! values through serde_dynamo) are in `store/dynamo/item.rs`; the SQLite rows' in
    //! `store/sqlite.rs`.

    use super::*;

    const KAT_SHA256: &str = "7aa08919f2d279d11d8bc5b4accd1f44843e4bbeb2328aac4a5d20a7daed92f5";

    fn text(s: &str) -> Option<RawValue> {
        Some(RawValue::Text(s.to_owned()))
    }

    fn item() -> StoredItem {
        StoredItem {
            name: text("db.password"),
            version: text("0000000000000000001"),
            key: text("AQID\nBA=="),
            contents: text(""),
            hmac: Some(RawValue::Bytes(KAT_SHA256.as_bytes().to_vec())),
            ..StoredItem::default()
        }
    }

    #[test]
    fn defaults_and_tolerances() {
        let record = decode(item()).unwrap();
        assert_eq!(record.wrapped_key, [1, 2, 3, 4]);
        assert!(record.ciphertext.is_empty());
        assert_eq!(record.hmac_hex, KAT_SHA256);
        assert_eq!(record.digest, Digest::Sha256);
        let mut sha1 = item();
        sha1.digest = text("SHA1");
        assert_eq!(decode(sha1).unwrap().digest, Digest::Sha1);
    }

    #[test]
    fn binary_material_is_raw_only_where_the_store_says_so() {
        let mut raw = item();
        raw.key = Some(RawValue::Bytes(vec![9, 8]));
        assert!(matches!(
            decode(raw.clone()),
            Err(RecordError::ForeignFormat { ref name, .. }) if name == "db.password"
        ));
        raw.binary_material = BinaryMaterial::Raw;
        assert_eq!(decode(raw).unwrap().wrapped_key, [9, 8]);
    }

    #[test]
    fn wrong_types_name_the_item_and_attribute() {
        let mut bad = item();
        bad.created_at = Some(RawValue::OtherNumber(1.5e9));
        assert_eq!(
            decode(bad).unwrap_err(),
            RecordError::BadAttribute {
                name: "db.password".to_owned(),
                version: "0000000000000000001".to_owned(),
                attribute: attr::CREATED_AT,
            }
        );
        let mut bad = item();
        bad.algorithm = Some(RawValue::Other("BOOL"));
        let err = decode(bad).unwrap_err();
        assert!(err.to_string().contains("of type BOOL"), "{err}");
        let mut bad = item();
        bad.context = Some(RawValue::Map(BTreeMap::from([(
            "a".to_owned(),
            RawValue::Integer(1),
        )])));
        assert!(matches!(
            decode(bad),
            Err(RecordError::BadAttribute {
                attribute: "context",
                ..
            })
        ));
    }

    #[test]
    fn summary_reads_only_its_attributes() {
        let summary = decode_summary(StoredItem {
            name: text("db"),
            version: text("2"),
            comment: text(""),
            created_at: Some(RawValue::Integer(-5)),
            ..StoredItem::default()
        })
        .unwrap();
        assert_eq!(summary.comment, None);
        assert_eq!(summary.created_at, Some(-5));
    }

    #[test]
    fn key_reads_the_binding_and_refuses_a_bad_context() {
        let with_context = |pairs: &[(&str, RawValue)]| StoredItem {
            name: text("db"),
            version: text("4"),
            context: Some(RawValue::Map(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            )),
            ..StoredItem::default()
        };
        let plain = StoredItem {
            name: text("db"),
            version: text("4"),
            ..StoredItem::default()
        };
        assert!(!decode_key(plain).unwrap().bound);
        let user = with_context(&[("app", RawValue::Text("web".into()))]);
        assert!(!decode_key(user).unwrap().bound);
        let bound = with_context(&[("credstore:name", RawValue::Text("db".into()))]);
        let key = decode_key(bound).unwrap();
        assert_eq!((key.name.as_str(), key.version.as_str()), ("db", "4"));
        assert!(key.bound);
        let bad = with_context(&[("credstore:name", RawValue::Integer(1))]);
        assert!(matches!(
            decode_key(bad),
            Err(RecordError::BadAttribute {
                attribute: "context",
                ..
            })
        ));
    }
}
