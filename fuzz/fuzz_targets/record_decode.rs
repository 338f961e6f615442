//! Fuzz target: arbitrary bytes -> a neutral stored item -> `record::decode` (the one
//! tolerant step both stores use), which must return a record or an error naming the
//! item, never panic.
#![no_main]

use std::collections::BTreeMap;

use credstore::internals::record::{self, BinaryMaterial, RawValue, StoredItem};
use libfuzzer_sys::fuzz_target;

/// One attribute value from a type selector and payload bytes.
fn value(selector: u8, payload: &[u8]) -> RawValue {
    let text = String::from_utf8_lossy(payload).into_owned();
    match selector % 8 {
        0 | 1 => RawValue::Text(text),
        2 => RawValue::Bytes(payload.to_vec()),
        3 => {
            let mut bytes = [0u8; 8];
            for (b, p) in bytes.iter_mut().zip(payload) {
                *b = *p;
            }
            RawValue::Integer(i64::from_le_bytes(bytes))
        }
        4 => RawValue::OtherNumber(text.len() as f64 / 3.0),
        // A map whose entries are split at `=` / `;`, with text or integer values.
        5 => RawValue::Map(
            text.split(';')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    let v = if k.len() % 3 == 0 {
                        RawValue::Integer(v.len() as i64)
                    } else {
                        RawValue::Text(v.to_string())
                    };
                    (k.to_string(), v)
                })
                .collect(),
        ),
        6 => RawValue::Other("BOOL"),
        _ => RawValue::Other("L"),
    }
}

/// The item a store would read back for `record`, text-encoded as in DynamoDB.
fn stored(record: &record::Record) -> StoredItem {
    let text = |s: &str| Some(RawValue::Text(s.to_string()));
    StoredItem {
        name: text(&record.name),
        version: text(&record.version),
        key: text(&record::encode_base64(&record.wrapped_key)),
        contents: text(&record::encode_base64(&record.ciphertext)),
        hmac: text(&record.hmac_hex),
        digest: text(record.digest.name()),
        comment: record.comment.as_deref().and_then(text),
        context: record.context.as_ref().map(|c| {
            RawValue::Map(
                c.as_map()
                    .iter()
                    .map(|(k, v)| (k.clone(), RawValue::Text(v.clone())))
                    .collect::<BTreeMap<_, _>>(),
            )
        }),
        created_at: record.created_at.map(RawValue::Integer),
        algorithm: None,
        wraps: (!record.wraps.is_empty()).then(|| {
            RawValue::Map(
                record
                    .wraps
                    .iter()
                    .map(|w| {
                        let mut fields = BTreeMap::new();
                        fields.insert("arn".to_string(), RawValue::Text(w.key.clone()));
                        if !w.blob.is_empty() {
                            fields.insert(
                                "key".to_string(),
                                RawValue::Text(record::encode_base64(&w.blob)),
                            );
                        }
                        (w.region.clone(), RawValue::Map(fields))
                    })
                    .collect(),
            )
        }),
        created_by: record.meta.created_by.as_deref().and_then(text),
        expires_at: record.meta.expires_at.map(RawValue::Integer),
        tags: (!record.meta.tags.is_empty()).then(|| {
            RawValue::Map(
                record
                    .meta
                    .tags
                    .iter()
                    .map(|(k, v)| (k.clone(), RawValue::Text(v.clone())))
                    .collect(),
            )
        }),
        binary_material: BinaryMaterial::Foreign,
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the store's binary convention; then fields separated by 0xFF,
    // each [attribute selector, type selector, payload..].
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let mut item = StoredItem {
        binary_material: if first & 1 == 1 {
            BinaryMaterial::Raw
        } else {
            BinaryMaterial::Foreign
        },
        ..StoredItem::default()
    };
    for field in rest.split(|b| *b == 0xff) {
        if let [which, kind, payload @ ..] = field {
            let slot = match which % 14 {
                0 => &mut item.name,
                1 => &mut item.version,
                2 => &mut item.key,
                3 => &mut item.contents,
                4 => &mut item.hmac,
                5 => &mut item.digest,
                6 => &mut item.comment,
                7 => &mut item.context,
                8 => &mut item.created_at,
                9 => &mut item.wraps,
                10 => &mut item.created_by,
                11 => &mut item.expires_at,
                12 => &mut item.tags,
                _ => &mut item.algorithm,
            };
            *slot = Some(value(*kind, payload));
        }
    }
    let name = match &item.name {
        Some(RawValue::Text(name)) => Some(name.clone()),
        _ => None,
    };
    let summary = record::decode_summary(item.clone());
    match record::decode(item) {
        Ok(record) => {
            // A decoded record, stored again as text, decodes to the same record.
            let again = record::decode(stored(&record)).expect("a re-encoded record decodes");
            assert_eq!(again, record);
            assert_eq!(summary.expect("a record has a summary"), (&record).into());
        }
        Err(err) => {
            if let Some(name) = name {
                assert_eq!(err.item_name(), name);
            }
        }
    }
});
