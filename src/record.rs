//! The stored item: credstash's attribute names, tolerant decoding, and encoding.
//!
//! Format: FORMAT.md "Item attributes" and "Reading tolerantly".

use crate::context::EncryptionContext;
use crate::crypto::Digest;
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::collections::{BTreeMap, HashMap};

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

/// The DynamoDB type letter(s) of a value, for error details.
fn type_name(value: &AttributeValue) -> &'static str {
    match value {
        AttributeValue::S(_) => "S",
        AttributeValue::N(_) => "N",
        AttributeValue::B(_) => "B",
        AttributeValue::Bool(_) => "BOOL",
        AttributeValue::Null(_) => "NULL",
        AttributeValue::M(_) => "M",
        AttributeValue::L(_) => "L",
        AttributeValue::Ss(_) => "SS",
        AttributeValue::Ns(_) => "NS",
        AttributeValue::Bs(_) => "BS",
        _ => "unknown",
    }
}

/// Decodes standard base64 after removing ASCII whitespace (the Ruby port
/// MIME-wraps it), strictly otherwise.
fn decode_base64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    STANDARD.decode(compact)
}

/// The item's identity, carried into every error.
struct Ident {
    name: String,
    version: String,
}

impl Ident {
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

    /// A required S attribute holding base64; B means another fork's format.
    fn base64(
        &self,
        item: &HashMap<String, AttributeValue>,
        attribute: &'static str,
    ) -> Result<Vec<u8>, RecordError> {
        match item.get(attribute) {
            Some(AttributeValue::S(text)) => {
                decode_base64(text).map_err(|_| RecordError::BadBase64 {
                    name: self.name.clone(),
                    version: self.version.clone(),
                    attribute,
                })
            }
            Some(AttributeValue::B(_)) => Err(self.foreign(format!(
                "attribute {attribute:?} is binary (B), not base64 text"
            ))),
            _ => Err(self.bad(attribute)),
        }
    }
}

/// An optional attribute: absent and NULL both mean "not there".
fn optional<'a>(
    item: &'a HashMap<String, AttributeValue>,
    attribute: &str,
) -> Option<&'a AttributeValue> {
    match item.get(attribute) {
        None | Some(AttributeValue::Null(_)) => None,
        Some(value) => Some(value),
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
}

impl From<&Record> for Summary {
    fn from(r: &Record) -> Self {
        Summary {
            name: r.name.clone(),
            version: r.version.clone(),
            comment: r.comment.clone(),
            created_at: r.created_at,
        }
    }
}

/// The attributes a [`Summary`] needs, for a projected scan.
pub const SUMMARY_ATTRIBUTES: [&str; 4] =
    [attr::NAME, attr::VERSION, attr::COMMENT, attr::CREATED_AT];

/// Decodes the [`SUMMARY_ATTRIBUTES`] of an item (from a projected scan).
pub fn decode_summary(item: &HashMap<String, AttributeValue>) -> Result<Summary, RecordError> {
    let id = ident(item)?;
    let comment = comment_of(&id, item)?;
    let created_at = created_at_of(&id, item)?;
    Ok(Summary {
        name: id.name,
        version: id.version,
        comment,
        created_at,
    })
}

/// The item's key: `name` and `version`, both S.
fn ident(item: &HashMap<String, AttributeValue>) -> Result<Ident, RecordError> {
    let name = match item.get(attr::NAME) {
        Some(AttributeValue::S(name)) => name.clone(),
        _ => {
            return Err(RecordError::BadAttribute {
                name: String::new(),
                version: String::new(),
                attribute: attr::NAME,
            });
        }
    };
    match item.get(attr::VERSION) {
        Some(AttributeValue::S(version)) => Ok(Ident {
            name,
            version: version.clone(),
        }),
        _ => Err(RecordError::BadAttribute {
            name,
            version: String::new(),
            attribute: attr::VERSION,
        }),
    }
}

/// The optional `comment`; empty counts as absent.
fn comment_of(
    id: &Ident,
    item: &HashMap<String, AttributeValue>,
) -> Result<Option<String>, RecordError> {
    match optional(item, attr::COMMENT) {
        None => Ok(None),
        Some(AttributeValue::S(text)) if text.is_empty() => Ok(None),
        Some(AttributeValue::S(text)) => Ok(Some(text.clone())),
        Some(_) => Err(id.bad(attr::COMMENT)),
    }
}

/// The optional `created_at` (N, unix seconds).
fn created_at_of(
    id: &Ident,
    item: &HashMap<String, AttributeValue>,
) -> Result<Option<i64>, RecordError> {
    match optional(item, attr::CREATED_AT) {
        None => Ok(None),
        Some(AttributeValue::N(text)) => text
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| id.bad(attr::CREATED_AT)),
        Some(_) => Err(id.bad(attr::CREATED_AT)),
    }
}

/// Decodes a DynamoDB item tolerantly: hmac S or B, missing digest, MIME-wrapped
/// base64, `SHA1`, unknown attributes ignored; other formats refused with a clear error.
///
/// Compatibility source: credstash 1.17.1 `open_aes_ctr_legacy` (reads `key`,
/// `contents`, `hmac` as str or Binary, `digest` defaulting to SHA256) and
/// FORMAT.md "Reading tolerantly". A NULL optional attribute counts as absent,
/// and an empty `comment` decodes as `None`.
pub fn decode(item: &HashMap<String, AttributeValue>) -> Result<Record, RecordError> {
    let id = ident(item)?;

    // Another fork's item must be refused before its fields are misread.
    match optional(item, attr::ALGORITHM) {
        None => {}
        Some(AttributeValue::S(alg)) if alg == LEGACY_ALGORITHM => {}
        Some(AttributeValue::S(alg)) => {
            return Err(id.foreign(format!("algorithm {alg:?}")));
        }
        Some(other) => {
            return Err(id.foreign(format!(
                "attribute \"algorithm\" of type {}",
                type_name(other)
            )));
        }
    }

    let wrapped_key = id.base64(item, attr::KEY)?;
    let ciphertext = id.base64(item, attr::CONTENTS)?;

    let hmac_hex = match item.get(attr::HMAC) {
        Some(AttributeValue::S(text)) => text.trim().to_owned(),
        // Python 3 credstash stores the hex *text* as a binary value.
        Some(AttributeValue::B(blob)) => std::str::from_utf8(blob.as_ref())
            .map_err(|_| id.bad(attr::HMAC))?
            .trim()
            .to_owned(),
        _ => return Err(id.bad(attr::HMAC)),
    };

    let digest = match optional(item, attr::DIGEST) {
        None => Digest::Sha256,
        Some(AttributeValue::S(text)) => text.parse().map_err(|_| RecordError::UnknownDigest {
            name: id.name.clone(),
            version: id.version.clone(),
            digest: text.clone(),
        })?,
        Some(_) => return Err(id.bad(attr::DIGEST)),
    };

    let comment = comment_of(&id, item)?;

    let context = match optional(item, attr::CONTEXT) {
        None => None,
        Some(AttributeValue::M(map)) => {
            let mut entries = BTreeMap::new();
            for (k, v) in map {
                match v {
                    AttributeValue::S(value) => {
                        entries.insert(k.clone(), value.clone());
                    }
                    _ => return Err(id.bad(attr::CONTEXT)),
                }
            }
            Some(EncryptionContext::from_map(entries))
        }
        Some(_) => return Err(id.bad(attr::CONTEXT)),
    };

    let created_at = created_at_of(&id, item)?;

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
    })
}

/// Encodes a record as credstash writes it (standard padded base64; `comment` only when
/// non-empty; `context` as M of S and `created_at` as N when present).
///
/// Compatibility source: credstash 1.17.1 `putSecret` and `seal_aes_ctr_legacy`
/// (`digest` is always written).
pub fn encode(record: &Record, hmac: HmacEncoding) -> HashMap<String, AttributeValue> {
    let s = |text: &str| AttributeValue::S(text.to_owned());
    let mut item = HashMap::new();
    item.insert(attr::NAME.to_owned(), s(&record.name));
    item.insert(attr::VERSION.to_owned(), s(&record.version));
    item.insert(
        attr::KEY.to_owned(),
        AttributeValue::S(STANDARD.encode(&record.wrapped_key)),
    );
    item.insert(
        attr::CONTENTS.to_owned(),
        AttributeValue::S(STANDARD.encode(&record.ciphertext)),
    );
    let hmac_value = match hmac {
        HmacEncoding::String => s(&record.hmac_hex),
        HmacEncoding::Binary => AttributeValue::B(Blob::new(record.hmac_hex.as_bytes())),
    };
    item.insert(attr::HMAC.to_owned(), hmac_value);
    item.insert(attr::DIGEST.to_owned(), s(record.digest.name()));
    if let Some(comment) = record.comment.as_deref().filter(|c| !c.is_empty()) {
        item.insert(attr::COMMENT.to_owned(), s(comment));
    }
    if let Some(context) = &record.context {
        let map = context
            .as_map()
            .iter()
            .map(|(k, v)| (k.clone(), s(v)))
            .collect();
        item.insert(attr::CONTEXT.to_owned(), AttributeValue::M(map));
    }
    if let Some(created_at) = record.created_at {
        item.insert(
            attr::CREATED_AT.to_owned(),
            AttributeValue::N(created_at.to_string()),
        );
    }
    item
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::crypto::{self, DataKey};
    use proptest::prelude::*;

    const KAT_CONTENTS: &str = "kzIE3C/a68XOmelCLeJUXHrI0KzMDPDJadjFUDjOEQ3ygOo96y4D7Db6cCrlHcHF";
    const KAT_SHA256: &str = "7aa08919f2d279d11d8bc5b4accd1f44843e4bbeb2328aac4a5d20a7daed92f5";

    fn s(text: &str) -> AttributeValue {
        AttributeValue::S(text.to_owned())
    }

    /// An item as Python 3 credstash 1.17.1 writes it (hmac as B of hex text).
    fn credstash_item() -> HashMap<String, AttributeValue> {
        HashMap::from([
            ("name".to_owned(), s("db.password")),
            ("version".to_owned(), s("0000000000000000001")),
            ("key".to_owned(), s("AQIDBA==")),
            ("contents".to_owned(), s(KAT_CONTENTS)),
            (
                "hmac".to_owned(),
                AttributeValue::B(Blob::new(KAT_SHA256.as_bytes())),
            ),
            ("digest".to_owned(), s("SHA256")),
        ])
    }

    #[test]
    fn summary_of_a_projected_item() {
        let projected = HashMap::from([
            ("name".to_owned(), s("db")),
            ("version".to_owned(), s("0000000000000000002")),
            ("comment".to_owned(), s("rotated")),
            (
                "created_at".to_owned(),
                AttributeValue::N("1795402356".into()),
            ),
        ]);
        let summary = decode_summary(&projected).unwrap();
        assert_eq!(summary.name, "db");
        assert_eq!(summary.version, "0000000000000000002");
        assert_eq!(summary.comment.as_deref(), Some("rotated"));
        assert_eq!(summary.created_at, Some(1_795_402_356));
        // The full record and its summary agree.
        let record = decode(&credstash_item()).unwrap();
        assert_eq!(
            decode_summary(&credstash_item()).unwrap(),
            Summary::from(&record)
        );
        let bad = with(projected, "created_at", s("yesterday"));
        assert!(matches!(
            decode_summary(&bad),
            Err(RecordError::BadAttribute {
                attribute: "created_at",
                ..
            })
        ));
    }

    fn with(
        mut item: HashMap<String, AttributeValue>,
        k: &str,
        v: AttributeValue,
    ) -> HashMap<String, AttributeValue> {
        item.insert(k.to_owned(), v);
        item
    }

    fn without(
        mut item: HashMap<String, AttributeValue>,
        k: &str,
    ) -> HashMap<String, AttributeValue> {
        item.remove(k);
        item
    }

    #[test]
    fn decodes_a_credstash_item_and_opens_it() {
        let record = decode(&credstash_item()).unwrap();
        assert_eq!(record.name, "db.password");
        assert_eq!(record.version, "0000000000000000001");
        assert_eq!(record.wrapped_key, [1, 2, 3, 4]);
        assert_eq!(record.hmac_hex, KAT_SHA256);
        assert_eq!(record.digest, Digest::Sha256);
        assert_eq!(record.comment, None);
        assert_eq!(record.context, None);
        assert_eq!(record.created_at, None);
        let key: Vec<u8> = (0u8..64).collect();
        let key = DataKey::from_slice(&key).unwrap();
        let plain =
            crypto::open(&key, record.digest, &record.ciphertext, &record.hmac_hex).unwrap();
        assert_eq!(
            plain.expose(),
            "correct horse battery staple — ünïcödé ✓".as_bytes()
        );
    }

    #[test]
    fn hmac_as_string_and_trimmed() {
        let item = with(credstash_item(), "hmac", s(&format!(" {KAT_SHA256}\n")));
        assert_eq!(decode(&item).unwrap().hmac_hex, KAT_SHA256);
        let item = with(
            credstash_item(),
            "hmac",
            AttributeValue::B(Blob::new(format!("{KAT_SHA256}\n"))),
        );
        assert_eq!(decode(&item).unwrap().hmac_hex, KAT_SHA256);
        let item = with(
            credstash_item(),
            "hmac",
            AttributeValue::B(Blob::new(vec![0xff, 0xfe])),
        );
        assert_eq!(decode(&item).unwrap_err(), bad("hmac"));
        let item = without(credstash_item(), "hmac");
        assert_eq!(decode(&item).unwrap_err(), bad("hmac"));
    }

    fn bad(attribute: &'static str) -> RecordError {
        RecordError::BadAttribute {
            name: "db.password".to_owned(),
            version: "0000000000000000001".to_owned(),
            attribute,
        }
    }

    #[test]
    fn digest_absent_means_sha256_and_sha1_is_accepted() {
        let item = without(credstash_item(), "digest");
        assert_eq!(decode(&item).unwrap().digest, Digest::Sha256);
        let item = with(credstash_item(), "digest", AttributeValue::Null(true));
        assert_eq!(decode(&item).unwrap().digest, Digest::Sha256);
        for (text, digest) in [
            ("SHA", Digest::Sha1),
            ("SHA1", Digest::Sha1),
            ("SHA512", Digest::Sha512),
            ("md5", Digest::Md5),
        ] {
            let item = with(credstash_item(), "digest", s(text));
            assert_eq!(decode(&item).unwrap().digest, digest, "{text}");
        }
        let item = with(credstash_item(), "digest", s("WHIRLPOOL"));
        assert_eq!(
            decode(&item).unwrap_err(),
            RecordError::UnknownDigest {
                name: "db.password".to_owned(),
                version: "0000000000000000001".to_owned(),
                digest: "WHIRLPOOL".to_owned(),
            }
        );
        let item = with(
            credstash_item(),
            "digest",
            AttributeValue::N("1".to_owned()),
        );
        assert_eq!(decode(&item).unwrap_err(), bad("digest"));
    }

    #[test]
    fn mime_wrapped_base64_is_accepted() {
        let wrapped = format!("{}\n{}\r\n", &KAT_CONTENTS[..60], &KAT_CONTENTS[60..]);
        let item = with(credstash_item(), "contents", s(&wrapped));
        let plain = decode(&credstash_item()).unwrap().ciphertext;
        assert_eq!(decode(&item).unwrap().ciphertext, plain);
    }

    #[test]
    fn bad_base64_is_refused() {
        for text in ["not base64!", "AQIDBA", "AQIDBA=", "AQIDBB=="] {
            let item = with(credstash_item(), "key", s(text));
            assert_eq!(
                decode(&item).unwrap_err(),
                RecordError::BadBase64 {
                    name: "db.password".to_owned(),
                    version: "0000000000000000001".to_owned(),
                    attribute: "key",
                },
                "{text:?}"
            );
        }
        // URL-safe alphabet is not standard base64.
        let item = with(credstash_item(), "contents", s("-_-_"));
        assert!(matches!(
            decode(&item),
            Err(RecordError::BadBase64 {
                attribute: "contents",
                ..
            })
        ));
    }

    #[test]
    fn empty_contents_is_the_empty_secret() {
        let item = with(credstash_item(), "contents", s(""));
        assert!(decode(&item).unwrap().ciphertext.is_empty());
    }

    #[test]
    fn foreign_formats_are_refused_with_a_detail() {
        let cases = [
            with(
                credstash_item(),
                "key",
                AttributeValue::B(Blob::new(vec![1u8, 2])),
            ),
            with(
                credstash_item(),
                "contents",
                AttributeValue::B(Blob::new(vec![1u8])),
            ),
            with(credstash_item(), "algorithm", s("aes-gcm")),
            with(
                credstash_item(),
                "algorithm",
                AttributeValue::N("1".to_owned()),
            ),
        ];
        for item in cases {
            match decode(&item) {
                Err(err @ RecordError::ForeignFormat { .. }) => {
                    assert_eq!(err.item_name(), "db.password");
                    let text = err.to_string();
                    assert!(text.contains("db.password"), "{text}");
                    assert!(text.contains("0000000000000000001"), "{text}");
                }
                other => panic!("expected ForeignFormat, got {other:?}"),
            }
        }
        let item = with(credstash_item(), "algorithm", s("aes-ctr-legacy"));
        assert!(decode(&item).is_ok());
    }

    #[test]
    fn missing_name_or_version() {
        let err = decode(&without(credstash_item(), "name")).unwrap_err();
        assert_eq!(
            err,
            RecordError::BadAttribute {
                name: String::new(),
                version: String::new(),
                attribute: "name",
            }
        );
        assert_eq!(err.item_name(), "");
        let err = decode(&with(
            credstash_item(),
            "version",
            AttributeValue::N("1".to_owned()),
        ))
        .unwrap_err();
        assert_eq!(
            err,
            RecordError::BadAttribute {
                name: "db.password".to_owned(),
                version: String::new(),
                attribute: "version",
            }
        );
        assert_eq!(err.item_name(), "db.password");
        assert_eq!(
            decode(&without(credstash_item(), "key")).unwrap_err(),
            bad("key")
        );
        assert_eq!(
            decode(&without(credstash_item(), "contents")).unwrap_err(),
            bad("contents")
        );
    }

    #[test]
    fn optional_attributes() {
        let item = with(credstash_item(), "comment", s("rotated by ops"));
        assert_eq!(
            decode(&item).unwrap().comment.as_deref(),
            Some("rotated by ops")
        );
        let item = with(credstash_item(), "comment", s(""));
        assert_eq!(decode(&item).unwrap().comment, None);
        let item = with(credstash_item(), "comment", AttributeValue::Bool(true));
        assert_eq!(decode(&item).unwrap_err(), bad("comment"));

        let item = with(
            credstash_item(),
            "context",
            AttributeValue::M(HashMap::from([
                ("app".to_owned(), s("web")),
                ("credstore:name".to_owned(), s("db.password")),
            ])),
        );
        let ctx = decode(&item).unwrap().context.unwrap();
        assert_eq!(ctx.as_map().get("app").map(String::as_str), Some("web"));
        assert!(ctx.is_bound());
        let item = with(
            credstash_item(),
            "context",
            AttributeValue::M(HashMap::from([(
                "app".to_owned(),
                AttributeValue::N("1".to_owned()),
            )])),
        );
        assert_eq!(decode(&item).unwrap_err(), bad("context"));
        let item = with(credstash_item(), "context", s("app=web"));
        assert_eq!(decode(&item).unwrap_err(), bad("context"));

        let item = with(
            credstash_item(),
            "created_at",
            AttributeValue::N("1700000000".to_owned()),
        );
        assert_eq!(decode(&item).unwrap().created_at, Some(1_700_000_000));
        let item = with(
            credstash_item(),
            "created_at",
            AttributeValue::N("1.5e9".to_owned()),
        );
        assert_eq!(decode(&item).unwrap_err(), bad("created_at"));
        let item = with(credstash_item(), "created_at", s("1700000000"));
        assert_eq!(decode(&item).unwrap_err(), bad("created_at"));

        let item = with(
            credstash_item(),
            "unicreds_extra",
            AttributeValue::Bool(false),
        );
        assert_eq!(decode(&item).unwrap(), decode(&credstash_item()).unwrap());
    }

    fn sample_record() -> Record {
        Record {
            name: "db.password".to_owned(),
            version: "0000000000000000003".to_owned(),
            wrapped_key: vec![1, 2, 3, 4],
            ciphertext: vec![0xfb, 0xff],
            hmac_hex: KAT_SHA256.to_owned(),
            digest: Digest::Sha1,
            comment: None,
            context: None,
            created_at: None,
        }
    }

    #[test]
    fn encode_writes_what_credstash_writes() {
        let item = encode(&sample_record(), HmacEncoding::String);
        let expected = HashMap::from([
            ("name".to_owned(), s("db.password")),
            ("version".to_owned(), s("0000000000000000003")),
            ("key".to_owned(), s("AQIDBA==")),
            ("contents".to_owned(), s("+/8=")),
            ("hmac".to_owned(), s(KAT_SHA256)),
            ("digest".to_owned(), s("SHA")),
        ]);
        assert_eq!(item, expected);
        let item = encode(&sample_record(), HmacEncoding::Binary);
        assert_eq!(
            item.get("hmac"),
            Some(&AttributeValue::B(Blob::new(KAT_SHA256.as_bytes())))
        );
        let mut empty_comment = sample_record();
        empty_comment.comment = Some(String::new());
        assert!(!encode(&empty_comment, HmacEncoding::String).contains_key("comment"));
    }

    #[test]
    fn encode_writes_extensions() {
        let mut record = sample_record();
        record.comment = Some("note".to_owned());
        record.created_at = Some(-5);
        let mut ctx = EncryptionContext::new();
        ctx.insert("app", "web");
        record.context = Some(ctx);
        let item = encode(&record, HmacEncoding::String);
        assert_eq!(item.get("comment"), Some(&s("note")));
        assert_eq!(
            item.get("created_at"),
            Some(&AttributeValue::N("-5".to_owned()))
        );
        assert_eq!(
            item.get("context"),
            Some(&AttributeValue::M(HashMap::from([(
                "app".to_owned(),
                s("web")
            )])))
        );
        assert_eq!(decode(&item).unwrap(), record);
    }

    /// Values of every type decode can meet on a known attribute.
    fn any_value() -> impl Strategy<Value = AttributeValue> {
        let leaf = prop_oneof![
            "\\PC{0,40}".prop_map(AttributeValue::S),
            "[A-Za-z0-9+/=\\s]{0,40}".prop_map(AttributeValue::S),
            "[0-9a-fA-F]{0,70}".prop_map(AttributeValue::S),
            "-?[0-9.eE]{0,25}".prop_map(AttributeValue::N),
            proptest::collection::vec(any::<u8>(), 0..40)
                .prop_map(|b| AttributeValue::B(Blob::new(b))),
            any::<bool>().prop_map(AttributeValue::Null),
            Just(AttributeValue::S("aes-ctr-legacy".to_owned())),
            Just(AttributeValue::S("SHA1".to_owned())),
        ];
        leaf.prop_recursive(2, 16, 4, |inner| {
            proptest::collection::hash_map("\\PC{0,8}", inner, 0..4).prop_map(AttributeValue::M)
        })
    }

    fn any_item() -> impl Strategy<Value = HashMap<String, AttributeValue>> {
        let names = prop_oneof![
            Just("name"),
            Just("version"),
            Just("key"),
            Just("contents"),
            Just("hmac"),
            Just("digest"),
            Just("comment"),
            Just("context"),
            Just("created_at"),
            Just("algorithm"),
            Just("other"),
        ];
        proptest::collection::hash_map(names.prop_map(str::to_owned), any_value(), 0..11)
    }

    fn any_record() -> impl Strategy<Value = Record> {
        (
            "\\PC{1,20}",
            "\\PC{1,20}",
            proptest::collection::vec(any::<u8>(), 0..64),
            proptest::collection::vec(any::<u8>(), 0..64),
            "[0-9a-f]{0,128}",
            0usize..6,
            proptest::option::of("\\PC{1,20}"),
            proptest::option::of(proptest::collection::btree_map(
                "\\PC{0,8}",
                "\\PC{0,8}",
                0..4,
            )),
            proptest::option::of(any::<i64>()),
        )
            .prop_map(
                |(
                    name,
                    version,
                    wrapped_key,
                    ciphertext,
                    hmac_hex,
                    d,
                    comment,
                    context,
                    created_at,
                )| {
                    Record {
                        name,
                        version,
                        wrapped_key,
                        ciphertext,
                        hmac_hex,
                        digest: Digest::ALL[d],
                        comment,
                        context: context.map(EncryptionContext::from_map),
                        created_at,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn decode_never_panics(item in any_item()) {
            if let Err(err) = decode(&item) {
                // Every error names the item when the item has an S name.
                if let Some(AttributeValue::S(name)) = item.get("name") {
                    prop_assert_eq!(err.item_name(), name.as_str());
                }
            }
        }

        #[test]
        fn decode_never_panics_near_valid(
            base in Just(credstash_item()),
            extra in any_item(),
        ) {
            let mut item = base;
            item.extend(extra);
            if let (Err(err), Some(AttributeValue::S(name))) = (decode(&item), item.get("name")) {
                prop_assert_eq!(err.item_name(), name.as_str());
            }
        }

        #[test]
        fn encode_decode_round_trips(record in any_record(), binary in any::<bool>()) {
            let encoding = if binary { HmacEncoding::Binary } else { HmacEncoding::String };
            let item = encode(&record, encoding);
            prop_assert_eq!(decode(&item).unwrap(), record);
        }
    }
}
