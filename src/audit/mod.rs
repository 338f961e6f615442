//! `audit`: who called KMS on which secret, read from CloudTrail events (the encryption
//! context of every data key names its secret and version), filtered, and printed as
//! text, JSON or an Athena query. The event parser and the rendering build without the
//! AWS SDK; [`audit()`] (the `aws` feature) reads the events with `LookupEvents`.

pub(crate) mod event;
#[cfg(feature = "aws")]
mod lookup;

pub use event::Row;
pub(crate) use event::{Outer, Parsed};
#[cfg(feature = "aws")]
pub use lookup::{AuditError, Keys, Lookup, audit, keys};

use crate::model::time::format_rfc3339;
use crate::pattern::wildcard_match;
use crate::printable::escape;

/// What the audit found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Rows naming a secret the patterns select, oldest first.
    pub rows: Vec<Row>,
    /// Events read from CloudTrail.
    pub events_read: usize,
    /// Events on the key that name no secret (credstash items, other users of the key,
    /// calls that handle no data key).
    pub no_secret: usize,
    /// Events whose JSON could not be read at all.
    pub unreadable: usize,
}

impl Report {
    /// The rows as text: a title line, then one line per row, fields separated by tabs,
    /// every field escaped for the terminal, `-` for an empty field.
    pub fn to_text(&self) -> String {
        render_text(&self.rows)
    }

    /// The rows as a JSON array of objects (keys: `time`, `principal`, `account`,
    /// `source_ip`, `region`, `operation`, `name`, `version`, `error`, `user_agent`,
    /// `event_id`), one line per row.
    pub fn to_json(&self) -> String {
        render_json(&self.rows)
    }

    /// Adds one event (its `CloudTrailEvent` text), keeping its row when its secret
    /// matches one of `patterns` (every secret when there are none).
    #[cfg_attr(not(feature = "aws"), allow(dead_code))]
    pub(crate) fn add(&mut self, text: &str, outer: &Outer, patterns: &[String]) {
        self.events_read += 1;
        match event::parse(text, outer) {
            Ok(Parsed::Secret(row)) => {
                if selected(&row.name, patterns) {
                    self.rows.push(*row);
                }
            }
            Ok(Parsed::NoSecret) => self.no_secret += 1,
            Err(_) => self.unreadable += 1,
        }
    }

    /// Orders the rows oldest first. CloudTrail lists newest first, to the second: each
    /// region's rows (from each of `region_starts` on) are reversed, so events of one
    /// second keep CloudTrail's order backwards, and the regions are merged by time (a
    /// stable sort: one second's events of an earlier region come first).
    #[cfg_attr(not(feature = "aws"), allow(dead_code))]
    pub(crate) fn oldest_first(&mut self, region_starts: &[usize]) {
        let mut bounds: Vec<usize> = region_starts.to_vec();
        bounds.push(self.rows.len());
        for pair in bounds.windows(2) {
            if let Some(rows) = self.rows.get_mut(pair[0]..pair[1]) {
                rows.reverse();
            }
        }
        self.rows.sort_by_key(Row::epoch);
    }
}

/// True when `name` matches one of `patterns` (names or `*` patterns), or there are none.
#[cfg_attr(not(feature = "aws"), allow(dead_code))]
pub(crate) fn selected(name: &str, patterns: &[String]) -> bool {
    patterns.is_empty() || patterns.iter().any(|p| wildcard_match(p, name))
}

/// The column titles of the text output, in order.
const COLUMNS: [&str; 11] = [
    "TIME",
    "PRINCIPAL",
    "ACCOUNT",
    "SOURCE_IP",
    "REGION",
    "OPERATION",
    "NAME",
    "VERSION",
    "ERROR",
    "USER_AGENT",
    "EVENT_ID",
];

/// The rows as text: a title line, then one line per row, fields separated by tabs,
/// every field escaped for the terminal (so a tab or newline inside a field cannot
/// forge a column or a line), `-` for an empty field.
pub(crate) fn render_text(rows: &[Row]) -> String {
    let mut out = COLUMNS.join("\t");
    out.push('\n');
    for row in rows {
        let fields = [
            row.time.as_str(),
            &row.principal,
            &row.account,
            &row.source_ip,
            &row.region,
            &row.operation,
            &row.name,
            &row.version,
            row.error.as_deref().unwrap_or(""),
            &row.user_agent,
            &row.event_id,
        ];
        let line: Vec<String> = fields
            .iter()
            .map(|f| {
                if f.is_empty() {
                    "-".to_string()
                } else {
                    escape(f).into_owned()
                }
            })
            .collect();
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}

/// The rows as a JSON array of objects (keys: `time`, `principal`, `account`,
/// `source_ip`, `region`, `operation`, `name`, `version`, `error`, `user_agent`,
/// `event_id`), one line per row.
pub(crate) fn render_json(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "[]\n".to_string();
    }
    let lines: Vec<String> = rows
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_else(|_| "null".to_string()))
        .collect();
    format!("[\n  {}\n]\n", lines.join(",\n  "))
}

/// The question of an audit, for [`athena_sql`].
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "aws"), allow(dead_code))]
pub(crate) struct SqlQuery<'a> {
    /// The key's ARN in each region (the events' `resources` name it).
    pub(crate) key_arns: &'a [String],
    /// The regions.
    pub(crate) regions: &'a [String],
    /// Start, seconds since the epoch.
    pub(crate) since: i64,
    /// End, seconds since the epoch.
    pub(crate) until: i64,
    /// Names or `*` patterns; none for every secret.
    pub(crate) patterns: &'a [String],
}

/// An Athena (Trino) query over a CloudTrail table (the table AWS's documentation creates,
/// here `cloudtrail_logs`) asking what `audit` asks, for history beyond LookupEvents' 90
/// days. Every value is quoted as an SQL string literal.
#[cfg_attr(not(feature = "aws"), allow(dead_code))]
pub(crate) fn athena_sql(q: &SqlQuery<'_>) -> String {
    let context = |key: &str| {
        format!(
            "COALESCE(json_extract_scalar(requestparameters, '$.encryptionContext[\"{key}\"]'), \
             json_extract_scalar(requestparameters, '$.destinationEncryptionContext[\"{key}\"]'))"
        )
    };
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| sql_string(s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let operations: Vec<String> = event::OPERATIONS.iter().map(|s| s.to_string()).collect();
    let mut sql = format!(
        "-- credstore audit: KMS calls on secrets (replace cloudtrail_logs with your CloudTrail table)\n\
         SELECT\n  eventtime AS time,\n  useridentity.arn AS principal,\n  \
         useridentity.accountid AS account,\n  sourceipaddress AS source_ip,\n  \
         awsregion AS region,\n  eventname AS operation,\n  {} AS name,\n  {} AS version,\n  \
         errorcode AS error,\n  useragent AS user_agent,\n  eventid AS event_id\n\
         FROM cloudtrail_logs\n\
         WHERE eventsource = 'kms.amazonaws.com'\n  AND eventname IN ({})\n",
        context(event::NAME_KEY),
        context(event::VERSION_KEY),
        list(&operations),
    );
    if !q.regions.is_empty() {
        sql.push_str(&format!("  AND awsregion IN ({})\n", list(q.regions)));
    }
    if !q.key_arns.is_empty() {
        sql.push_str(&format!(
            "  AND any_match(resources, r -> r.arn IN ({}))\n",
            list(q.key_arns)
        ));
    }
    sql.push_str(&format!(
        "  AND eventtime >= {}\n  AND eventtime < {}\n",
        sql_string(&format_rfc3339(q.since)),
        sql_string(&format_rfc3339(q.until)),
    ));
    sql.push_str(&format!("  AND {} IS NOT NULL\n", context(event::NAME_KEY)));
    if !q.patterns.is_empty() {
        let likes: Vec<String> = q
            .patterns
            .iter()
            .map(|p| {
                format!(
                    "{} LIKE {} ESCAPE '\\'",
                    context(event::NAME_KEY),
                    sql_string(&like_pattern(p))
                )
            })
            .collect();
        sql.push_str(&format!("  AND ({})\n", likes.join("\n    OR ")));
    }
    sql.push_str("ORDER BY eventtime, eventid;\n");
    sql
}

/// `text` as an SQL string literal: single quotes doubled, and every character outside
/// printable ASCII written with Trino's U&'' escapes, so the query is one safe text.
fn sql_string(text: &str) -> String {
    if text.chars().all(|c| (' '..='~').contains(&c)) {
        return format!("'{}'", text.replace('\'', "''"));
    }
    let mut out = String::from("U&'");
    for c in text.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\+{:06X}", u32::from(c))),
        }
    }
    out.push('\'');
    out
}

/// A credstash-style `*` pattern as an SQL LIKE pattern escaped with `\`.
fn like_pattern(pattern: &str) -> String {
    let mut out = String::new();
    for c in pattern.chars() {
        match c {
            '*' => out.push('%'),
            '%' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn row(name: &str, time: &str, id: &str) -> Row {
        Row {
            time: time.into(),
            principal: "arn:aws:iam::1:user/a".into(),
            account: "1".into(),
            source_ip: "198.51.100.1".into(),
            region: "us-east-1".into(),
            operation: "Decrypt".into(),
            name: name.into(),
            version: "0000000000000000001".into(),
            error: None,
            user_agent: "ua".into(),
            event_id: id.into(),
        }
    }

    #[test]
    fn text_escapes_every_field_and_json_has_exactly_the_keys() {
        let mut evil = row("a\tb\x1b[2J\ncafe\u{202e}", "2026-01-01T00:00:00Z", "e1");
        evil.error = Some("AccessDeniedException".into());
        evil.user_agent = String::new();
        let text = render_text(std::slice::from_ref(&evil));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text:?}");
        assert_eq!(lines[1].split('\t').count(), 11, "{text:?}");
        assert!(!text.contains('\x1b') && !text.contains('\u{202e}'));
        assert!(
            lines[1].contains("\tAccessDeniedException\t-\te1"),
            "{text:?}"
        );
        let json: serde_json::Value = serde_json::from_str(&render_json(&[evil.clone()])).unwrap();
        let object = json[0].as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected = vec![
            "time",
            "principal",
            "account",
            "source_ip",
            "region",
            "operation",
            "name",
            "version",
            "error",
            "user_agent",
            "event_id",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(object["name"], evil.name.as_str());
        let ok: serde_json::Value =
            serde_json::from_str(&render_json(&[row("x", "2026-01-01T00:00:00Z", "e")])).unwrap();
        assert!(ok[0]["error"].is_null());
        assert_eq!(render_json(&[]), "[]\n");
    }

    #[test]
    fn the_report_filters_counts_and_sorts() {
        let event = |name: Option<&str>, time: &str, id: &str| {
            let context = match name {
                Some(n) => serde_json::json!({"credstore:name": n, "credstore:version": "1"}),
                None => serde_json::json!({"app": "legacy"}),
            };
            serde_json::json!({"eventSource": "kms.amazonaws.com", "eventName": "Decrypt",
                "eventTime": time, "eventID": id,
                "requestParameters": {"encryptionContext": context}})
            .to_string()
        };
        let mut report = Report::default();
        let patterns = vec!["db.*".to_string()];
        let outer = Outer::default();
        // Newest first, as CloudTrail lists them; then a second region.
        let events = [
            event(Some("db.c"), "2026-01-02T00:00:00Z", "3"),
            event(Some("db.b"), "2026-01-01T00:00:00Z", "2"),
            event(Some("db.a"), "2026-01-01T00:00:00Z", "1"),
            event(Some("web.x"), "2026-01-01T00:00:00Z", "4"),
            event(None, "2026-01-01T00:00:00Z", "5"),
            "not json".to_string(),
        ];
        for e in &events {
            report.add(e, &outer, &patterns);
        }
        let second_region = report.rows.len();
        let late = event(Some("db.r"), "2026-01-01T12:00:00Z", "r");
        report.add(&late, &outer, &patterns);
        report.oldest_first(&[0, second_region]);
        let names: Vec<&str> = report.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["db.a", "db.b", "db.r", "db.c"]);
        assert_eq!(
            (report.events_read, report.no_secret, report.unreadable),
            (7, 1, 1)
        );
    }

    #[test]
    fn the_athena_query_quotes_everything() {
        let arns = vec!["arn:aws:kms:us-east-1:1:key/k".to_string()];
        let regions = vec!["us-east-1".to_string()];
        let patterns = vec!["it's_*".to_string(), "caf\u{e9}".to_string()];
        let sql = athena_sql(&SqlQuery {
            key_arns: &arns,
            regions: &regions,
            since: 0,
            until: 86_400,
            patterns: &patterns,
        });
        assert!(sql.contains("LIKE 'it''s\\_%' ESCAPE '\\'"), "{sql}");
        assert!(sql.contains("LIKE U&'caf\\00E9'"), "{sql}");
        assert!(
            sql.contains("r.arn IN ('arn:aws:kms:us-east-1:1:key/k')"),
            "{sql}"
        );
        assert!(sql.contains("eventtime >= '1970-01-01T00:00:00Z'"), "{sql}");
        assert!(sql.contains("eventtime < '1970-01-02T00:00:00Z'"), "{sql}");
        assert!(
            sql.contains("'$.encryptionContext[\"credstore:name\"]'"),
            "{sql}"
        );
    }
}
