//! A version's metadata: who wrote it, when it expires, its tags. Stored in clear as item
//! attributes credstash ignores (`created_by`, `expires_at`, `tags`), NOT authenticated by
//! the HMAC or KMS: anyone who can write the table can change them, so no trust decision
//! rests on them (an expiry refusal under `--strict` is hygiene, not security).

use super::record::RawValue;
use super::time::{parse_rfc3339, parse_span};
use std::collections::BTreeMap;

/// Longest tag key, in bytes (AWS's tag key limit).
const MAX_TAG_KEY: usize = 128;
/// Longest tag value, in bytes (AWS's tag value limit).
const MAX_TAG_VALUE: usize = 256;

/// The metadata of one version; all of it optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Metadata {
    /// Who wrote the version (an IAM ARN, or the local user for the embedded backend).
    pub created_by: Option<String>,
    /// Unix seconds after which reads warn (and `--strict` refuses).
    pub expires_at: Option<i64>,
    /// Free-form key=value tags.
    pub tags: BTreeMap<String, String>,
}

impl Metadata {
    /// Most tags on one version (AWS's per-resource limit).
    pub const MAX_TAGS: usize = 50;

    /// Parses one `KEY=VALUE` tag: a non-empty key without `=`, both within AWS's tag limits
    /// and printable (they are shown on terminals).
    pub fn parse_tag(spec: &str) -> Result<(String, String), String> {
        let (k, v) = spec
            .split_once('=')
            .ok_or_else(|| format!("--tag {spec:?} is not of the form KEY=VALUE"))?;
        if k.is_empty() || k.len() > MAX_TAG_KEY || v.len() > MAX_TAG_VALUE {
            return Err(format!(
                "--tag {spec:?}: the key must be 1 to {MAX_TAG_KEY} bytes and the value at most \
                 {MAX_TAG_VALUE} bytes"
            ));
        }
        if let Some(c) = crate::printable::first_unsafe(spec) {
            return Err(format!(
                "--tag {spec:?} contains the invisible or control character U+{:04X}; use \
                 printable characters only",
                u32::from(c)
            ));
        }
        Ok((k.to_string(), v.to_string()))
    }

    /// Parses `--expires`: a lifetime from `now` (a span such as `90d`) or an RFC 3339 time
    /// . Unix seconds.
    pub fn parse_expiry(text: &str, now: i64) -> Result<i64, String> {
        if text.contains('-') {
            return parse_rfc3339(text);
        }
        let span = parse_span(text)
            .map_err(|e| format!("{e}, or an RFC 3339 time (e.g. 2027-01-31T00:00:00Z)"))?;
        Ok(now.saturating_add(span))
    }

    /// True when the version has expired at `now` (unix seconds).
    pub fn expired_at(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|t| t <= now)
    }

    /// From stored values, tolerantly: a value of the wrong type is left out (metadata is
    /// advisory, and a damaged attribute must not make the secret unreadable).
    pub fn from_stored(
        created_by: Option<RawValue>,
        expires_at: Option<RawValue>,
        tags: Option<RawValue>,
    ) -> Metadata {
        Metadata {
            created_by: match created_by {
                Some(RawValue::Text(s)) if !s.is_empty() => Some(s),
                _ => None,
            },
            expires_at: match expires_at {
                Some(RawValue::Integer(n)) => Some(n),
                _ => None,
            },
            tags: match tags {
                Some(RawValue::Map(map)) => map
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        RawValue::Text(v) => Some((k, v)),
                        _ => None,
                    })
                    .collect(),
                _ => BTreeMap::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_a_span_from_now_or_a_time() {
        assert_eq!(Metadata::parse_expiry("1h", 100).unwrap(), 3700);
        assert_eq!(
            Metadata::parse_expiry("2027-01-31", 100).unwrap(),
            1_801_353_600
        );
        assert!(Metadata::parse_expiry("soon", 100).is_err());
    }

    #[test]
    fn tags_parse_and_are_checked() {
        assert_eq!(
            Metadata::parse_tag("team=db").unwrap(),
            ("team".into(), "db".into())
        );
        assert_eq!(
            Metadata::parse_tag("k=a=b").unwrap(),
            ("k".into(), "a=b".into())
        );
        assert_eq!(
            Metadata::parse_tag("k=").unwrap(),
            ("k".into(), String::new())
        );
        assert!(Metadata::parse_tag("novalue").is_err());
        assert!(Metadata::parse_tag("=v").is_err());
        assert!(Metadata::parse_tag("k=\u{1b}[31m").is_err());
        assert!(Metadata::parse_tag(&format!("k={}", "x".repeat(257))).is_err());
    }

    #[test]
    fn stored_values_of_the_wrong_type_are_left_out() {
        let m = Metadata::from_stored(
            Some(RawValue::Integer(3)),
            Some(RawValue::Text("soon".into())),
            Some(RawValue::Map(BTreeMap::from([
                ("a".to_string(), RawValue::Text("1".into())),
                ("b".to_string(), RawValue::Integer(2)),
            ]))),
        );
        assert_eq!(m.created_by, None);
        assert_eq!(m.expires_at, None);
        assert_eq!(m.tags, BTreeMap::from([("a".to_string(), "1".to_string())]));
        let m = Metadata::from_stored(
            Some(RawValue::Text("arn:aws:iam::1:user/x".into())),
            Some(RawValue::Integer(100)),
            None,
        );
        assert!(m.expired_at(100));
        assert!(!m.expired_at(99));
    }
}
