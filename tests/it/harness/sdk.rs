//! The AWS SDK clients of the tests themselves, bound to the emulator with dummy credentials:
//! key creation, direct item reads and writes (tamper and legacy-format tests), and the
//! suite's premise that the emulator enforces the KMS encryption context.

use std::sync::OnceLock;

use aws_sdk_dynamodb::types::AttributeValue;

use super::REGION;
use super::emulator::endpoint;

/// One runtime for every SDK call the tests make.
pub(crate) fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
    })
}

/// A KMS client bound to the emulator with static dummy credentials.
pub(crate) fn kms() -> aws_sdk_kms::Client {
    kms_in(REGION)
}

/// A KMS client of the emulator in `region` (moto keeps regions apart).
pub(crate) fn kms_in(region: &str) -> aws_sdk_kms::Client {
    kms_at(endpoint(), region)
}

/// A KMS client of the moto_server at `url` (the shared one, or a test's private one).
fn kms_at(url: &str, region: &str) -> aws_sdk_kms::Client {
    use aws_sdk_kms::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_kms::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .endpoint_url(url)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_kms::Client::from_conf(conf)
}

/// A DynamoDB client bound to the emulator with static dummy credentials.
pub(crate) fn dynamo() -> aws_sdk_dynamodb::Client {
    dynamo_in(REGION)
}

/// A DynamoDB client of the emulator in `region`.
pub(crate) fn dynamo_in(region: &str) -> aws_sdk_dynamodb::Client {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .endpoint_url(endpoint())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_dynamodb::Client::from_conf(conf)
}

/// Creates a fresh symmetric KMS key in the emulator and returns its id.
pub(crate) fn create_kms_key() -> String {
    create_key_with(&kms())
}

/// Creates a KMS key in the moto_server at `url` (a private one) and returns its id.
pub(crate) fn create_key_at(url: &str) -> String {
    create_key_with(&kms_at(url, REGION))
}

fn create_key_with(kms: &aws_sdk_kms::Client) -> String {
    rt().block_on(async {
        let out = kms
            .create_key()
            .description("credstore integration test")
            .send()
            .await
            .expect("KMS CreateKey against the emulator");
        out.key_metadata()
            .expect("CreateKey returned no metadata")
            .key_id()
            .to_string()
    })
}

/// A DynamoDB item as the tests handle it.
pub(crate) type Item = std::collections::HashMap<String, AttributeValue>;

/// Reads one item by its exact key (`None` when absent).
pub(crate) fn get_item(table: &str, name: &str, version: &str) -> Option<Item> {
    rt().block_on(async {
        dynamo()
            .get_item()
            .table_name(table)
            .key("name", AttributeValue::S(name.into()))
            .key("version", AttributeValue::S(version.into()))
            .consistent_read(true)
            .send()
            .await
            .expect("DynamoDB GetItem")
            .item
    })
}

/// Writes an item unconditionally (the tamper and legacy-format tests forge items this way).
pub(crate) fn put_item(table: &str, item: Item) {
    rt().block_on(async {
        dynamo()
            .put_item()
            .table_name(table)
            .set_item(Some(item))
            .send()
            .await
            .expect("DynamoDB PutItem");
    })
}

/// Every item of a table (one Scan page is enough for the tables tests make).
pub(crate) fn scan_items(table: &str) -> Vec<Item> {
    rt().block_on(async {
        dynamo()
            .scan()
            .table_name(table)
            .consistent_read(true)
            .send()
            .await
            .expect("DynamoDB Scan")
            .items
            .unwrap_or_default()
    })
}

/// The string value of an S attribute, with a message naming the attribute when it is not one.
pub(crate) fn attr_s<'a>(item: &'a Item, name: &str) -> &'a str {
    match item.get(name) {
        Some(AttributeValue::S(s)) => s,
        other => panic!("attribute {name:?} is not an S: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The harness's own premise
// ---------------------------------------------------------------------------------------------

/// The suite's premise: the emulator enforces the KMS encryption context (else the context and
/// tamper tests above would prove nothing).
#[test]
fn emulator_enforces_kms_context() {
    use aws_sdk_kms::primitives::Blob as KmsBlob;
    let key = create_kms_key();
    rt().block_on(async {
        let kms = kms();
        let sealed = kms
            .encrypt()
            .key_id(&key)
            .plaintext(KmsBlob::new(b"premise".to_vec()))
            .encryption_context("credstore:name", "a")
            .send()
            .await
            .expect("KMS Encrypt");
        let blob = sealed.ciphertext_blob().expect("ciphertext").clone();
        let wrong = kms
            .decrypt()
            .ciphertext_blob(blob.clone())
            .encryption_context("credstore:name", "b")
            .send()
            .await;
        assert!(wrong.is_err(), "moto decrypted under the wrong context");
        let right = kms
            .decrypt()
            .ciphertext_blob(blob)
            .encryption_context("credstore:name", "a")
            .send()
            .await
            .expect("decrypt under the right context");
        assert_eq!(right.plaintext().expect("plaintext").as_ref(), b"premise");
    });
}
