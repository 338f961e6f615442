//! Fuzz target: arbitrary bytes -> a DynamoDB attribute map -> `record::decode`, which must
//! return a record or an error naming the item, never panic.
#![no_main]

use std::collections::HashMap;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use libfuzzer_sys::fuzz_target;

/// The attribute names decode looks at, plus one it must ignore.
const NAMES: [&str; 11] = [
    "name",
    "version",
    "key",
    "contents",
    "hmac",
    "digest",
    "comment",
    "context",
    "created_at",
    "algorithm",
    "unrelated",
];

/// One attribute value from a type selector and payload bytes.
fn value(selector: u8, payload: &[u8]) -> AttributeValue {
    let text = String::from_utf8_lossy(payload).into_owned();
    match selector % 8 {
        0 | 1 => AttributeValue::S(text),
        2 => AttributeValue::B(Blob::new(payload.to_vec())),
        3 => AttributeValue::N(text),
        4 => AttributeValue::Bool(payload.first().is_some_and(|b| b & 1 == 1)),
        5 => AttributeValue::Null(true),
        // A map whose entries are split at `=` / `;`, with string or number values.
        6 => AttributeValue::M(
            text.split(';')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    let v = if k.len() % 3 == 0 {
                        AttributeValue::N(v.to_string())
                    } else {
                        AttributeValue::S(v.to_string())
                    };
                    (k.to_string(), v)
                })
                .collect(),
        ),
        _ => AttributeValue::L(vec![AttributeValue::S(text)]),
    }
}

fuzz_target!(|data: &[u8]| {
    // Fields separated by 0xFF; each field is [attribute selector, type selector, payload..].
    let mut item = HashMap::new();
    for field in data.split(|b| *b == 0xff) {
        if let [which, kind, payload @ ..] = field {
            let name = NAMES[usize::from(*which) % NAMES.len()];
            item.insert(name.to_string(), value(*kind, payload));
        }
    }
    if let Ok(record) = credstore::record::decode(&item) {
        // A decoded record re-encodes without panicking, and decodes to the same record.
        let encoded =
            credstore::record::encode(&record, credstore::record::HmacEncoding::default());
        let again = credstore::record::decode(&encoded).expect("a re-encoded record decodes");
        assert_eq!(again.name, record.name);
        assert_eq!(again.version, record.version);
        assert_eq!(again.ciphertext, record.ciphertext);
        assert_eq!(again.wrapped_key, record.wrapped_key);
    }
});
