//! Reads one CloudTrail event (the `CloudTrailEvent` JSON string of `LookupEvents`) into
//! an audit row: who called which KMS operation on which secret. Every field is
//! attacker-influenced text (a caller chooses its context, user agent, session name);
//! the parser never panics and takes nothing but strings from it.

use serde::Serialize;
use serde_json::Value;

/// The context key naming the secret (the reserved binding key of FORMAT.md).
pub(super) const NAME_KEY: &str = "credstore:name";
/// The context key naming the version.
pub(super) const VERSION_KEY: &str = "credstore:version";

/// The KMS operations a secret's data key goes through (GenerateDataKey on put, Decrypt
/// on read, Encrypt for replica wraps, ReEncrypt from bind and rekey).
pub(super) const OPERATIONS: &[&str] = &["Decrypt", "GenerateDataKey", "Encrypt", "ReEncrypt"];

/// Longest text kept of one field: an event is at most a few KB, a field longer than this
/// is not a caller's ARN or user agent but padding meant to flood a terminal.
const MAX_FIELD: usize = 2048;

/// One KMS call on a secret, as `audit` prints it (the JSON keys are the field names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// When it happened, RFC 3339 in UTC (`2026-12-04T23:31:34Z`).
    pub time: String,
    /// The caller's ARN (an assumed role's session ARN names the role and the session).
    pub principal: String,
    /// The caller's account.
    pub account: String,
    /// Where the call came from (an IP address, or the AWS service that called).
    pub source_ip: String,
    /// The region of the KMS call.
    pub region: String,
    /// The KMS operation (`Decrypt`, `GenerateDataKey`, `Encrypt`, `ReEncrypt`).
    pub operation: String,
    /// The secret's name, from the context's `credstore:name`.
    pub name: String,
    /// The version, from the context's `credstore:version` (empty when absent).
    pub version: String,
    /// The error code when KMS refused the call; `None` when it succeeded.
    pub error: Option<String>,
    /// The caller's user agent (credstore's carries `app/credstore`).
    pub user_agent: String,
    /// CloudTrail's id of the event.
    pub event_id: String,
}

impl Row {
    /// Seconds since the epoch of [`Row::time`] (0 when unreadable), for ordering.
    pub fn epoch(&self) -> i64 {
        crate::model::time::parse_rfc3339(&self.time).unwrap_or(0)
    }
}

/// What one event is to the audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A KMS call naming a secret.
    Secret(Box<Row>),
    /// A call on the key that names no secret: an unbound (credstash) item's data key,
    /// another user of the key, or a call that is not about a data key (DescribeKey).
    NoSecret,
}

/// What the outer `LookupEvents` record says, used where the inner JSON lacks it.
#[derive(Clone, Debug, Default)]
pub struct Outer {
    /// `EventId`.
    pub event_id: Option<String>,
    /// `EventTime`, seconds since the epoch.
    pub event_time: Option<i64>,
    /// `Username`.
    pub username: Option<String>,
    /// The region the event was looked up in.
    pub region: Option<String>,
}

/// Why an event could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unreadable CloudTrail event: {0}")]
pub struct ParseError(String);

/// Reads the `CloudTrailEvent` JSON text of one event. An event of another service, or
/// of a KMS operation that handles no data key, or whose context has no
/// `credstore:name`, is [`Parsed::NoSecret`]; text that is not a JSON object is an error.
pub fn parse(text: &str, outer: &Outer) -> Result<Parsed, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError(e.to_string()))?;
    let Some(event) = value.as_object() else {
        return Err(ParseError("not a JSON object".into()));
    };
    let source = str_at(&value, &["eventSource"]);
    let operation = str_at(&value, &["eventName"]).unwrap_or_default();
    if source.is_some_and(|s| s != "kms.amazonaws.com") || !OPERATIONS.contains(&operation) {
        return Ok(Parsed::NoSecret);
    }
    let request = event.get("requestParameters").unwrap_or(&Value::Null);
    // ReEncrypt carries two contexts: the destination names what the data key is now
    // bound to (bind moves an unbound key to its name), the source what it was.
    let context = [
        "encryptionContext",
        "destinationEncryptionContext",
        "sourceEncryptionContext",
    ]
    .iter()
    .filter_map(|k| request.get(k))
    .find(|c| c.get(NAME_KEY).and_then(Value::as_str).is_some());
    let Some(context) = context else {
        return Ok(Parsed::NoSecret);
    };
    let name = context.get(NAME_KEY).and_then(Value::as_str).unwrap_or("");
    let version = context
        .get(VERSION_KEY)
        .and_then(Value::as_str)
        .unwrap_or("");
    let time = str_at(&value, &["eventTime"])
        .and_then(|t| crate::model::time::parse_rfc3339(t).ok())
        .or(outer.event_time)
        .map(crate::model::time::format_rfc3339)
        .unwrap_or_default();
    let identity = &value["userIdentity"];
    let principal = str_at(identity, &["arn"])
        .or_else(|| str_at(identity, &["sessionContext", "sessionIssuer", "arn"]))
        .or_else(|| str_at(identity, &["invokedBy"]))
        .or_else(|| str_at(identity, &["principalId"]))
        .or(outer.username.as_deref())
        .unwrap_or("");
    let account = str_at(identity, &["accountId"])
        .or_else(|| str_at(&value, &["recipientAccountId"]))
        .unwrap_or("");
    let error = str_at(&value, &["errorCode"]).filter(|e| !e.is_empty());
    Ok(Parsed::Secret(Box::new(Row {
        time,
        principal: clip(principal),
        account: clip(account),
        source_ip: clip(str_at(&value, &["sourceIPAddress"]).unwrap_or("")),
        region: clip(
            str_at(&value, &["awsRegion"])
                .or(outer.region.as_deref())
                .unwrap_or(""),
        ),
        operation: operation.to_string(),
        name: clip(name),
        version: clip(version),
        error: error.map(clip),
        user_agent: clip(str_at(&value, &["userAgent"]).unwrap_or("")),
        event_id: clip(
            str_at(&value, &["eventID"])
                .or(outer.event_id.as_deref())
                .unwrap_or(""),
        ),
    })))
}

/// The string at `path` inside `value`, if every step is an object and the end a string.
fn str_at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_str)
}

/// `text` cut to [`MAX_FIELD`] bytes at a character boundary.
fn clip(text: &str) -> String {
    if text.len() <= MAX_FIELD {
        return text.to_string();
    }
    let end = (0..=MAX_FIELD)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    format!("{}...", &text[..end])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn decrypt(identity: Value, extra: Value) -> String {
        let mut event = json!({
            "eventVersion": "1.08",
            "userIdentity": identity,
            "eventTime": "2026-12-04T10:11:12Z",
            "eventSource": "kms.amazonaws.com",
            "eventName": "Decrypt",
            "awsRegion": "eu-west-1",
            "sourceIPAddress": "203.0.113.7",
            "userAgent": "aws-sdk-rust/1.3 app/credstore",
            "requestParameters": {
                "encryptionContext": {"credstore:name": "db.password", "credstore:version": "0000000000000000002"},
                "encryptionAlgorithm": "SYMMETRIC_DEFAULT"
            },
            "resources": [{"accountId": "111122223333", "type": "AWS::KMS::Key", "ARN": "arn:aws:kms:eu-west-1:111122223333:key/k"}],
            "eventID": "e-1",
            "recipientAccountId": "111122223333"
        });
        if let (Some(e), Some(x)) = (event.as_object_mut(), extra.as_object()) {
            for (k, v) in x {
                e.insert(k.clone(), v.clone());
            }
        }
        event.to_string()
    }

    #[test]
    fn a_decrypt_names_its_secret_caller_and_region() {
        let text = decrypt(
            json!({"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/alice", "accountId": "111122223333"}),
            json!({}),
        );
        let Parsed::Secret(row) = parse(&text, &Outer::default()).unwrap() else {
            panic!("no row")
        };
        assert_eq!(
            *row,
            Row {
                time: "2026-12-04T10:11:12Z".into(),
                principal: "arn:aws:iam::111122223333:user/alice".into(),
                account: "111122223333".into(),
                source_ip: "203.0.113.7".into(),
                region: "eu-west-1".into(),
                operation: "Decrypt".into(),
                name: "db.password".into(),
                version: "0000000000000000002".into(),
                error: None,
                user_agent: "aws-sdk-rust/1.3 app/credstore".into(),
                event_id: "e-1".into(),
            }
        );
    }

    #[test]
    fn an_assumed_role_shows_its_session_arn_and_a_refusal_its_code() {
        let text = decrypt(
            json!({"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/Deploy/ci-42",
                   "accountId": "111122223333",
                   "sessionContext": {"sessionIssuer": {"arn": "arn:aws:iam::111122223333:role/Deploy"}}}),
            json!({"errorCode": "InvalidCiphertextException", "eventTime": "2026-12-04T10:11:12.345+01:00"}),
        );
        let Parsed::Secret(row) = parse(&text, &Outer::default()).unwrap() else {
            panic!("no row")
        };
        assert_eq!(
            row.principal,
            "arn:aws:sts::111122223333:assumed-role/Deploy/ci-42"
        );
        assert_eq!(row.error.as_deref(), Some("InvalidCiphertextException"));
        assert_eq!(row.time, "2026-12-04T09:11:12Z");
    }

    #[test]
    fn re_encrypt_is_read_from_its_destination_context() {
        let text = json!({
            "eventSource": "kms.amazonaws.com", "eventName": "ReEncrypt",
            "eventTime": "2026-01-02T03:04:05Z",
            "requestParameters": {
                "sourceEncryptionContext": {"app": "x"},
                "destinationEncryptionContext": {"app": "x", "credstore:name": "n", "credstore:version": "1"}
            }
        })
        .to_string();
        let outer = Outer {
            event_id: Some("outer-id".into()),
            region: Some("us-east-1".into()),
            ..Outer::default()
        };
        let Parsed::Secret(row) = parse(&text, &outer).unwrap() else {
            panic!("no row")
        };
        assert_eq!((row.name.as_str(), row.version.as_str()), ("n", "1"));
        assert_eq!(row.event_id, "outer-id");
        assert_eq!(row.region, "us-east-1");
    }

    #[test]
    fn events_naming_no_secret_are_told_apart() {
        let unbound = decrypt(
            json!({"arn": "a"}),
            json!({"requestParameters": {"encryptionContext": {"app": "legacy"}}}),
        );
        assert_eq!(
            parse(&unbound, &Outer::default()).unwrap(),
            Parsed::NoSecret
        );
        let describe = decrypt(json!({"arn": "a"}), json!({"eventName": "DescribeKey"}));
        assert_eq!(
            parse(&describe, &Outer::default()).unwrap(),
            Parsed::NoSecret
        );
        let other = decrypt(
            json!({"arn": "a"}),
            json!({"eventSource": "s3.amazonaws.com"}),
        );
        assert_eq!(parse(&other, &Outer::default()).unwrap(), Parsed::NoSecret);
        let not_string = decrypt(
            json!({"arn": "a"}),
            json!({"requestParameters": {"encryptionContext": {"credstore:name": 7}}}),
        );
        assert_eq!(
            parse(&not_string, &Outer::default()).unwrap(),
            Parsed::NoSecret
        );
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(text in ".{0,200}", name in ".{0,20}", time in ".{0,30}") {
            let _ = parse(&text, &Outer::default());
            // Well-formed JSON with odd values where the parser looks.
            let event = json!({
                "eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "eventTime": time,
                "userIdentity": {"arn": text.clone()},
                "requestParameters": {"encryptionContext": {"credstore:name": name.clone()}},
            });
            let parsed = parse(&event.to_string(), &Outer::default());
            let Ok(Parsed::Secret(row)) = parsed else {
                panic!("a named Decrypt gave no row");
            };
            proptest::prop_assert_eq!(&row.name, &name);
        }
    }

    #[test]
    fn garbage_is_an_error_and_odd_shapes_are_not_a_panic() {
        for text in [
            "",
            "[]",
            "nul",
            "\"x\"",
            "{\"eventName\": 1}",
            "{\"userIdentity\": []}",
        ] {
            let _ = parse(text, &Outer::default());
        }
        assert!(parse("[1]", &Outer::default()).is_err());
        let long = "a".repeat(10_000);
        let text = decrypt(json!({"arn": long}), json!({}));
        let Parsed::Secret(row) = parse(&text, &Outer::default()).unwrap() else {
            panic!("no row")
        };
        assert!(row.principal.len() <= MAX_FIELD + 3);
    }
}
