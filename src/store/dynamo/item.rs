//! DynamoDB items <-> records: serde_dynamo maps an item onto the neutral
//! [`StoredItem`] (decoded by [`record::decode`]) and a [`Record`] onto an item.

use crate::model::record::{
    self, HmacEncoding, Record, RecordError, StoredItem, Summary, VersionKey, attr,
};
use crate::model::wrap::KeyWrap;
use aws_sdk_dynamodb::types::AttributeValue;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};

/// A DynamoDB item.
pub(super) type Item = HashMap<String, AttributeValue>;

/// The attributes the format knows, in the order their errors are reported.
const KNOWN: [&str; 14] = [
    attr::NAME,
    attr::VERSION,
    attr::ALGORITHM,
    attr::KEY,
    attr::CONTENTS,
    attr::HMAC,
    attr::DIGEST,
    attr::COMMENT,
    attr::CONTEXT,
    attr::CREATED_AT,
    attr::WRAPS,
    attr::CREATED_BY,
    attr::EXPIRES_AT,
    attr::TAGS,
];

/// An item as credstash writes it, borrowed from a record.
#[derive(Serialize)]
struct ItemOut<'a> {
    name: &'a str,
    version: &'a str,
    key: String,
    contents: String,
    hmac: HmacOut<'a>,
    digest: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<i64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    wraps: BTreeMap<&'a str, WrapOut<'a>>,
    // Metadata (FORMAT.md "Metadata"): credstash ignores these attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<i64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    tags: &'a BTreeMap<String, String>,
}

/// One region's wrap in the `wraps` attribute (FORMAT.md "Replica wraps").
#[derive(Serialize)]
struct WrapOut<'a> {
    arn: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
}

/// The `hmac` attribute: S, or B holding the hex text.
enum HmacOut<'a> {
    Text(&'a str),
    Binary(&'a [u8]),
}

impl Serialize for HmacOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            HmacOut::Text(text) => serializer.serialize_str(text),
            HmacOut::Binary(bytes) => serializer.serialize_bytes(bytes),
        }
    }
}

/// Encodes a record as credstash writes it (standard padded base64; `comment` only when
/// non-empty; `context` as M of S and `created_at` as N when present).
///
/// Compatibility source: credstash 1.17.1 `putSecret` and `seal_aes_ctr_legacy`
/// (`digest` is always written).
pub(super) fn encode(record: &Record, hmac: HmacEncoding) -> Result<Item, serde_dynamo::Error> {
    serde_dynamo::to_item(ItemOut {
        name: &record.name,
        version: &record.version,
        key: record::encode_base64(&record.wrapped_key),
        contents: record::encode_base64(&record.ciphertext),
        hmac: match hmac {
            HmacEncoding::String => HmacOut::Text(&record.hmac_hex),
            HmacEncoding::Binary => HmacOut::Binary(record.hmac_hex.as_bytes()),
        },
        digest: record.digest.name(),
        comment: record.comment.as_deref().filter(|c| !c.is_empty()),
        context: record.context.as_ref().map(|c| c.as_map()),
        created_at: record.created_at,
        wraps: record
            .wraps
            .iter()
            .map(|w| {
                let key = (!w.blob.is_empty()).then(|| record::encode_base64(&w.blob));
                (w.region.as_str(), WrapOut { arn: &w.key, key })
            })
            .collect(),
        created_by: record.meta.created_by.as_deref(),
        expires_at: record.meta.expires_at,
        tags: &record.meta.tags,
    })
}

/// The `wraps` attribute for `wraps` (FORMAT.md "Replica wraps").
pub(super) fn encode_wraps(wraps: &[KeyWrap]) -> AttributeValue {
    AttributeValue::M(
        wraps
            .iter()
            .map(|w| {
                let mut fields =
                    HashMap::from([(attr::WRAP_ARN.to_string(), AttributeValue::S(w.key.clone()))]);
                if !w.blob.is_empty() {
                    fields.insert(
                        attr::WRAP_KEY.to_string(),
                        AttributeValue::S(record::encode_base64(&w.blob)),
                    );
                }
                (w.region.clone(), AttributeValue::M(fields))
            })
            .collect(),
    )
}

/// Decodes a DynamoDB item through the shared tolerant step ([`record::decode`]).
pub(super) fn decode(item: Item) -> Result<Record, RecordError> {
    record::decode(stored(item)?)
}

/// Decodes a projected item's [`record::SUMMARY_ATTRIBUTES`].
pub(super) fn decode_summary(item: Item) -> Result<Summary, RecordError> {
    record::decode_summary(stored(item)?)
}

/// Decodes a projected item's [`record::KEY_ATTRIBUTES`].
pub(super) fn decode_key(item: Item) -> Result<VersionKey, RecordError> {
    record::decode_key(stored(item)?)
}

/// The item as the neutral [`StoredItem`]: unknown attributes and NULLs left out, and a
/// value serde_dynamo cannot read (a type it does not know, an N that is not a number)
/// kept as a value of the wrong type, so that the shared step names it.
fn stored(mut item: Item) -> Result<StoredItem, RecordError> {
    item.retain(|k, v| KNOWN.contains(&k.as_str()) && !matches!(v, AttributeValue::Null(_)));
    let mut unreadable = Vec::new();
    for attribute in KNOWN {
        if let Some(value) = item.get(attribute).filter(|v| !readable(v)) {
            unreadable.push((attribute, type_name(value)));
            item.remove(attribute);
        }
    }
    let text = |item: &Item, attribute| match item.get(attribute) {
        Some(AttributeValue::S(s)) => s.clone(),
        _ => String::new(),
    };
    let (name, version) = (text(&item, attr::NAME), text(&item, attr::VERSION));
    let mut stored: StoredItem =
        serde_dynamo::from_item(item).map_err(|e| RecordError::ForeignFormat {
            name,
            version,
            detail: format!("undecodable item: {e}"),
        })?;
    for (attribute, type_name) in unreadable {
        let slot = match attribute {
            attr::NAME => &mut stored.name,
            attr::VERSION => &mut stored.version,
            attr::ALGORITHM => &mut stored.algorithm,
            attr::KEY => &mut stored.key,
            attr::CONTENTS => &mut stored.contents,
            attr::HMAC => &mut stored.hmac,
            attr::DIGEST => &mut stored.digest,
            attr::COMMENT => &mut stored.comment,
            attr::CONTEXT => &mut stored.context,
            attr::CREATED_AT => &mut stored.created_at,
            attr::WRAPS => &mut stored.wraps,
            attr::CREATED_BY => &mut stored.created_by,
            attr::EXPIRES_AT => &mut stored.expires_at,
            attr::TAGS => &mut stored.tags,
            _ => continue,
        };
        *slot = Some(record::RawValue::Other(type_name));
    }
    Ok(stored)
}

/// Whether serde_dynamo reads `value` without failing or panicking.
fn readable(value: &AttributeValue) -> bool {
    let number = |n: &String| {
        n.parse::<i64>().is_ok() || n.parse::<u64>().is_ok() || n.parse::<f64>().is_ok()
    };
    match value {
        AttributeValue::S(_)
        | AttributeValue::B(_)
        | AttributeValue::Bool(_)
        | AttributeValue::Ss(_)
        | AttributeValue::Bs(_) => true,
        AttributeValue::N(n) => number(n),
        AttributeValue::Ns(ns) => ns.iter().all(number),
        AttributeValue::Null(null) => *null,
        AttributeValue::M(map) => map.values().all(readable),
        AttributeValue::L(list) => list.iter().all(readable),
        _ => false,
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::crypto::{self, DataKey, Digest};
    use crate::model::context::EncryptionContext;
    use aws_sdk_dynamodb::primitives::Blob;
    use proptest::prelude::*;

    // The tests read items by reference, as the store's callers once did.
    fn decode(item: &Item) -> Result<Record, RecordError> {
        super::decode(item.clone())
    }

    fn decode_summary(item: &Item) -> Result<Summary, RecordError> {
        super::decode_summary(item.clone())
    }

    fn encode(record: &Record, hmac: HmacEncoding) -> Item {
        super::encode(record, hmac).unwrap()
    }

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

    #[test]
    fn values_serde_dynamo_cannot_read_are_attributes_of_the_wrong_type() {
        // serde_dynamo fails on an N that is not a number or a NULL false (and panics
        // on a type it does not know, which tests cannot build): such values reach the
        // shared step as a wrong type, naming the attribute.
        for value in [
            AttributeValue::N("twelve".to_owned()),
            AttributeValue::Ns(vec!["1".to_owned(), "x".to_owned()]),
            AttributeValue::M(HashMap::from([(
                "a".to_owned(),
                AttributeValue::Null(false),
            )])),
            AttributeValue::L(vec![AttributeValue::N(String::new())]),
        ] {
            let item = with(credstash_item(), "created_at", value.clone());
            assert_eq!(decode(&item).unwrap_err(), bad("created_at"), "{value:?}");
            let item = with(credstash_item(), "algorithm", value.clone());
            assert!(
                matches!(decode(&item), Err(RecordError::ForeignFormat { .. })),
                "{value:?}"
            );
            // The same value in an attribute the format does not know is ignored.
            let item = with(credstash_item(), "other", value);
            assert!(decode(&item).is_ok());
        }
        // NULL, even NULL false, is absent.
        let item = with(credstash_item(), "digest", AttributeValue::Null(false));
        assert_eq!(decode(&item).unwrap().digest, Digest::Sha256);
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
            wraps: Vec::new(),
            meta: Default::default(),
        }
    }

    #[test]
    fn metadata_is_three_attributes_and_a_damaged_one_is_ignored() {
        let mut r = sample_record();
        r.meta.created_by = Some("arn:aws:iam::1:user/alice".into());
        r.meta.expires_at = Some(1_900_000_000);
        r.meta.tags = BTreeMap::from([("team".to_string(), "db".to_string())]);
        let item = encode(&r, HmacEncoding::String);
        assert_eq!(item["created_by"], s("arn:aws:iam::1:user/alice"));
        assert_eq!(item["expires_at"], AttributeValue::N("1900000000".into()));
        assert_eq!(
            item["tags"],
            AttributeValue::M(HashMap::from([("team".to_string(), s("db"))]))
        );
        assert_eq!(decode(&item).unwrap().meta, r.meta);
        // Metadata is advisory: a value of another type is left out, the secret reads.
        let damaged = with(
            with(item, "tags", s("team=db")),
            "expires_at",
            s("tomorrow"),
        );
        let meta = decode(&damaged).unwrap().meta;
        assert_eq!(meta.expires_at, None);
        assert!(meta.tags.is_empty());
        assert_eq!(meta.created_by, r.meta.created_by);
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
                        wraps: Vec::new(),
                        meta: Default::default(),
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
