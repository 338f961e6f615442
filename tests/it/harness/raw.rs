//! Raw access to stored items on either backend, for tests that forge or damage them
//! the way someone with write access to the table could.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::{Backend, TestEnv};

/// A stored item with its byte fields decoded, so a test can damage them.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub name: String,
    pub version: String,
    pub key: Vec<u8>,
    pub contents: Vec<u8>,
    pub hmac: String,
    pub context: Option<BTreeMap<String, String>>,
    /// What the item holds besides the fields above (digest, comment, created_at...).
    pub rest: Rest,
}

#[derive(Clone, Debug)]
pub(crate) enum Rest {
    /// The whole DynamoDB item, and whether its hmac is B-typed.
    Dynamo(crate::harness::Item, bool),
    /// digest, comment, created_at columns.
    Local(
        rusqlite::types::Value,
        rusqlite::types::Value,
        rusqlite::types::Value,
    ),
}

pub(crate) fn sqlite(env: &TestEnv) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(env.store_path()).expect("open the local store");
    conn.busy_timeout(Duration::from_secs(10)).unwrap();
    conn
}

pub(crate) fn quoted(table: &str) -> String {
    format!("\"{}\"", table.replace('"', "\"\""))
}

/// Every item of the test's table.
pub(crate) fn scan_raw(env: &TestEnv) -> Vec<Raw> {
    match env.backend {
        Backend::Dynamo => crate::harness::scan_items(&env.table)
            .into_iter()
            .map(raw_from_item)
            .collect(),
        Backend::Local => {
            let conn = sqlite(env);
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT name, version, key, contents, hmac, digest, comment, context, \
                     created_at FROM {} ORDER BY name, version",
                    quoted(&env.table)
                ))
                .unwrap();
            stmt.query_map([], |row| {
                let context: Option<String> = row.get(7)?;
                Ok(Raw {
                    name: row.get(0)?,
                    version: row.get(1)?,
                    key: row.get(2)?,
                    contents: row.get(3)?,
                    hmac: row.get(4)?,
                    context: context.map(|c| serde_json::from_str(&c).expect("context JSON")),
                    rest: Rest::Local(row.get(5)?, row.get(6)?, row.get(8)?),
                })
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
        }
    }
}

pub(crate) fn raw_from_item(item: crate::harness::Item) -> Raw {
    let b64 = |attr: &str| {
        B64.decode(crate::harness::attr_s(&item, attr))
            .expect("base64 field")
    };
    let (hmac, binary) = match item.get("hmac") {
        Some(AttributeValue::S(s)) => (s.clone(), false),
        Some(AttributeValue::B(b)) => (String::from_utf8(b.as_ref().to_vec()).unwrap(), true),
        other => panic!("unexpected hmac {other:?}"),
    };
    let context = match item.get("context") {
        Some(AttributeValue::M(m)) => Some(
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_s().expect("context value is S").clone()))
                .collect(),
        ),
        None => None,
        other => panic!("unexpected context {other:?}"),
    };
    Raw {
        name: crate::harness::attr_s(&item, "name").to_string(),
        version: crate::harness::attr_s(&item, "version").to_string(),
        key: b64("key"),
        contents: b64("contents"),
        hmac,
        context,
        rest: Rest::Dynamo(item, binary),
    }
}

/// Writes (inserts or replaces) an item exactly as given.
pub(crate) fn write_raw(env: &TestEnv, raw: &Raw) {
    match &raw.rest {
        Rest::Dynamo(item, binary) => {
            let mut item = item.clone();
            let s = |v: &str| AttributeValue::S(v.to_string());
            item.insert("name".into(), s(&raw.name));
            item.insert("version".into(), s(&raw.version));
            item.insert("key".into(), s(&B64.encode(&raw.key)));
            item.insert("contents".into(), s(&B64.encode(&raw.contents)));
            item.insert(
                "hmac".into(),
                if *binary {
                    AttributeValue::B(Blob::new(raw.hmac.clone()))
                } else {
                    s(&raw.hmac)
                },
            );
            match &raw.context {
                Some(c) => {
                    item.insert(
                        "context".into(),
                        AttributeValue::M(c.iter().map(|(k, v)| (k.clone(), s(v))).collect()),
                    );
                }
                None => {
                    item.remove("context");
                }
            }
            crate::harness::put_item(&env.table, item);
        }
        Rest::Local(digest, comment, created_at) => {
            let context = raw
                .context
                .as_ref()
                .map(|c| serde_json::to_string(c).unwrap());
            sqlite(env)
                .execute(
                    &format!(
                        "INSERT OR REPLACE INTO {} (name, version, key, contents, hmac, digest, \
                         comment, context, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        quoted(&env.table)
                    ),
                    rusqlite::params![
                        raw.name,
                        raw.version,
                        raw.key,
                        raw.contents,
                        raw.hmac,
                        digest,
                        comment,
                        context,
                        created_at
                    ],
                )
                .unwrap();
        }
    }
}

pub(crate) fn delete_raw(env: &TestEnv, name: &str, version: &str) {
    match env.backend {
        Backend::Dynamo => crate::harness::rt().block_on(async {
            crate::harness::dynamo()
                .delete_item()
                .table_name(&env.table)
                .key("name", AttributeValue::S(name.into()))
                .key("version", AttributeValue::S(version.into()))
                .send()
                .await
                .expect("DeleteItem");
        }),
        Backend::Local => {
            sqlite(env)
                .execute(
                    &format!(
                        "DELETE FROM {} WHERE name = ?1 AND version = ?2",
                        quoted(&env.table)
                    ),
                    [name, version],
                )
                .unwrap();
        }
    }
}

/// Puts the table back to exactly `snapshot`.
pub(crate) fn restore(env: &TestEnv, snapshot: &[Raw]) {
    for r in scan_raw(env) {
        delete_raw(env, &r.name, &r.version);
    }
    for r in snapshot {
        write_raw(env, r);
    }
}

/// (name, version) of every item, sorted.
pub(crate) fn item_keys(env: &TestEnv) -> Vec<(String, String)> {
    let mut keys: Vec<_> = match env.backend {
        Backend::Local if !env.store_path().exists() => Vec::new(),
        Backend::Local => {
            let conn = sqlite(env);
            let exists: bool = conn
                .query_row(
                    "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [&env.table],
                    |r| r.get(0),
                )
                .unwrap();
            if exists {
                scan_raw(env)
                    .into_iter()
                    .map(|r| (r.name, r.version))
                    .collect()
            } else {
                Vec::new()
            }
        }
        Backend::Dynamo => scan_raw(env)
            .into_iter()
            .map(|r| (r.name, r.version))
            .collect(),
    };
    keys.sort();
    keys
}
