//! `list`, `keys` and `history`: what the table holds, never a value; table text escaped.

use crate::cli::args::{HistoryArgs, KeysArgs, ListArgs, ListingFormat};
use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::client::Summary;
use credstore::model::record::HmacEncoding;
use credstore::printable::escape;

/// Runs `list`.
pub async fn list(config: &Config, args: &ListArgs) -> Result<(), Failure> {
    let client = config.client(false, HmacEncoding::default()).await?;
    let listing = client.list().await?;
    for bad in &listing.unreadable {
        diag!("warning: {bad}");
    }
    let mut items = listing.items;
    if args.latest {
        // Items are sorted by name then version: keep the last of each name.
        let mut latest: Vec<Summary> = Vec::new();
        for item in items {
            match latest.last_mut() {
                Some(prev) if prev.name == item.name => *prev = item,
                _ => latest.push(item),
            }
        }
        items = latest;
    }
    if args.format == ListingFormat::Json {
        return write_json(&items.iter().map(summary_json).collect::<Vec<_>>());
    }
    let names: Vec<_> = items.iter().map(|i| escape(&i.name)).collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for (i, name) in items.iter().zip(&names) {
        text.push_str(&format!("{name:width$} -- version {}", escape(&i.version)));
        push_details(&mut text, i);
    }
    write_out(text.as_bytes())
}

/// Runs `keys`.
pub async fn keys(config: &Config, args: &KeysArgs) -> Result<(), Failure> {
    let client = config.client(false, HmacEncoding::default()).await?;
    let listing = client.list().await?;
    let mut names: Vec<&str> = listing.items.iter().map(|i| i.name.as_str()).collect();
    names.extend(listing.unreadable.iter().map(|e| e.item_name()));
    names.sort_unstable();
    names.dedup();
    if args.format == ListingFormat::Json {
        return write_json(&names);
    }
    let mut text = String::new();
    for n in names {
        text.push_str(&escape(n));
        text.push('\n');
    }
    write_out(text.as_bytes())
}

/// Runs `history`.
pub async fn history(config: &Config, args: &HistoryArgs) -> Result<(), Failure> {
    let client = config.client(false, HmacEncoding::default()).await?;
    let versions = client.history(&args.name).await?;
    if args.format == ListingFormat::Json {
        return write_json(&versions.iter().map(summary_json).collect::<Vec<_>>());
    }
    let mut text = String::new();
    for i in &versions {
        text.push_str(&escape(&i.version));
        push_details(&mut text, i);
    }
    write_out(text.as_bytes())
}

/// Appends ` -- comment C -- created T` (each when known) and the end of the line:
/// the same fields in the same order for `list` and `history`.
fn push_details(text: &mut String, i: &Summary) {
    if let Some(c) = &i.comment {
        text.push_str(&format!(" -- comment {}", escape(c)));
    }
    if let Some(t) = i.created_at {
        text.push_str(&format!(" -- created {}", iso8601(t)));
    }
    text.push('\n');
}

/// One item as JSON: name, version, comment, created (ISO 8601 UTC) and, when known,
/// the stored encryption context, whether it binds the item to its name, and the regions
/// holding a wrap of its data key (replica regions).
fn summary_json(s: &Summary) -> serde_json::Value {
    let mut item = serde_json::json!({
        "name": s.name,
        "version": s.version,
        "comment": s.comment,
        "created": s.created_at.map(iso8601),
    });
    if let (Some(context), Some(map)) = (&s.context, item.as_object_mut()) {
        map.insert("context".into(), serde_json::json!(context.as_map()));
        map.insert("bound".into(), serde_json::json!(context.is_bound()));
    }
    if let (false, Some(map)) = (s.regions.is_empty(), item.as_object_mut()) {
        map.insert("regions".into(), serde_json::json!(s.regions));
    }
    item
}

/// Pretty JSON on stdout, with every character that could act on a terminal (control
/// and format characters from the table) written as a `\u` escape: still the same JSON.
fn write_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c != '\n' && credstore::printable::is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    write_out(out.as_bytes())
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC), without a date library.
fn iso8601(secs: i64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_known_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_795_402_356), "2026-11-23T02:52:36Z");
    }
}
