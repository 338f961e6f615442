//! A version's metadata: who wrote it, when it expires, its tags. Stored in clear as item
//! attributes credstash ignores (`created_by`, `expires_at`, `tags`), NOT authenticated by
//! the HMAC or KMS: anyone who can write the table can change them, so no trust decision
//! rests on them (an expiry refusal under `--strict` is hygiene, not security).

use super::record::RawValue;
use std::collections::BTreeMap;

/// Longest tag key, in bytes (AWS's tag key limit).
pub const MAX_TAG_KEY: usize = 128;
/// Longest tag value, in bytes (AWS's tag value limit).
pub const MAX_TAG_VALUE: usize = 256;
/// Most tags on one version (AWS's per-resource limit).
pub const MAX_TAGS: usize = 50;

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

/// The longest age or lifetime accepted, in seconds (100 years): beyond it a typo.
const MAX_SPAN: i64 = 100 * 366 * 86_400;

/// Parses an age or lifetime: a whole number with a unit, `s`, `m`, `h`, `d` (days) or
/// `w` (weeks), e.g. `90d`, `12h`; more than zero, at most 100 years. Seconds.
pub fn parse_span(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "{text:?} is not a duration; write a whole number and a unit, s, m, h, d or w \
                 (e.g. 90d)"
            ));
        }
    };
    let secs = number
        .parse::<i64>()
        .ok()
        .and_then(|n| n.checked_mul(unit_secs))
        .filter(|s| (1..=MAX_SPAN).contains(s))
        .ok_or_else(|| {
            format!("{text:?} is not a duration of more than zero and at most 100 years")
        })?;
    Ok(secs)
}

/// Parses `--expires`: a lifetime from `now` ([`parse_span`]) or an RFC 3339 time
/// ([`parse_rfc3339`]). Unix seconds.
pub fn parse_expiry(text: &str, now: i64) -> Result<i64, String> {
    if text.contains('-') {
        return parse_rfc3339(text);
    }
    let span = parse_span(text)
        .map_err(|e| format!("{e}, or an RFC 3339 time (e.g. 2027-01-31T00:00:00Z)"))?;
    Ok(now.saturating_add(span))
}

/// Parses an RFC 3339 time (`2027-01-31T12:00:00Z`, `...+02:00`, fractions of a second
/// dropped) or a date alone (`2027-01-31`, midnight UTC). Unix seconds.
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let bad = || {
        format!("{text:?} is not an RFC 3339 time; write e.g. 2027-01-31T00:00:00Z or 2027-01-31")
    };
    let num = |s: &str| -> Result<i64, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (year, month, day) = (num(&text[0..4])?, num(&text[5..7])?, num(&text[8..10])?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(bad());
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    if b.len() == 10 {
        return Ok(secs);
    }
    let rest = text.get(11..).ok_or_else(bad)?;
    if !matches!(b[10], b'T' | b't' | b' ') || rest.len() < 8 {
        return Err(bad());
    }
    let (h, m, s) = (num(&rest[0..2])?, num(&rest[3..5])?, num(&rest[6..8])?);
    if &rest[2..3] != ":" || &rest[5..6] != ":" || h > 23 || m > 59 || s > 60 {
        return Err(bad());
    }
    secs += h * 3600 + m * 60 + s;
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ if zone.len() == 6 && matches!(&zone[0..1], "+" | "-") && &zone[3..4] == ":" => {
            let (oh, om) = (num(&zone[1..3])?, num(&zone[4..6])?);
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            let o = oh * 3600 + om * 60;
            if zone.starts_with('-') { -o } else { o }
        }
        _ => return Err(bad()),
    };
    Ok(secs - offset)
}

/// Unix seconds as RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_and_are_checked() {
        assert_eq!(parse_tag("team=db").unwrap(), ("team".into(), "db".into()));
        assert_eq!(parse_tag("k=a=b").unwrap(), ("k".into(), "a=b".into()));
        assert_eq!(parse_tag("k=").unwrap(), ("k".into(), String::new()));
        assert!(parse_tag("novalue").is_err());
        assert!(parse_tag("=v").is_err());
        assert!(parse_tag("k=\u{1b}[31m").is_err());
        assert!(parse_tag(&format!("k={}", "x".repeat(257))).is_err());
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

    #[test]
    fn spans_times_and_their_round_trip() {
        assert_eq!(parse_span("90d").unwrap(), 90 * 86_400);
        assert_eq!(parse_span("2w").unwrap(), 14 * 86_400);
        assert_eq!(parse_span("45s").unwrap(), 45);
        for bad in [
            "",
            "0d",
            "d",
            "10",
            "1.5d",
            "-1d",
            "10y",
            "99999999999999999999d",
            "40000w",
        ] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(parse_rfc3339("2027-01-31").unwrap(), 1_801_353_600);
        assert_eq!(
            parse_rfc3339("2024-02-29T12:30:05.123+02:00").unwrap(),
            1_709_202_605
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T12:30:05-01:30").unwrap(),
            1_709_215_205
        );
        for bad in [
            "2023-02-29",
            "2027-13-01",
            "2027-01-31T25:00:00Z",
            "2027-01-31T00:00:00",
            "2027-01-31X00:00:00Z",
            "27-01-31",
            "2027-01-31T00:00:00.Z",
            "2027-1-31",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
        for t in [0, 1_709_202_605, 1_801_353_600, 4_102_444_799] {
            assert_eq!(parse_rfc3339(&rfc3339(t)).unwrap(), t);
        }
        assert_eq!(parse_expiry("1h", 100).unwrap(), 3700);
        assert_eq!(parse_expiry("2027-01-31", 100).unwrap(), 1_801_353_600);
        assert!(parse_expiry("soon", 100).is_err());
    }
}
