//! `list`, `keys` and `history`: what the table holds, never a value; table text escaped.

use crate::cli::args::shared::ListingFormat;
use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use clap::Args;
use credstore::Metadata;
use credstore::printable::escape;
use credstore::{Entry, Selection, Summary};
use std::io::Write;

/// Arguments of `list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only the names this pattern matches (`*` for any run of characters; without `*`,
    /// one name).
    #[arg(value_name = "PATTERN")]
    pub pattern: Option<String>,
    /// Only the latest version of each name.
    #[arg(long)]
    pub latest: bool,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Arguments of `keys`.
#[derive(Debug, Args)]
pub(crate) struct KeysArgs {
    /// Only the names this pattern matches (`*` for any run of characters).
    #[arg(value_name = "PATTERN")]
    pub pattern: Option<String>,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Arguments of `find`.
#[derive(Debug, Args)]
pub(crate) struct FindArgs {
    /// Text the names contain, in any case (`*` for any run of characters).
    pub text: String,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Arguments of `history`.
#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// Name of the secret.
    pub name: String,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Runs `list`.
pub(super) async fn list(config: &Config, args: &ListArgs) -> Result<(), Failure> {
    let client = config.reader().await?;
    let listing = if args.format == ListingFormat::Json {
        client.list_detailed().await?
    } else {
        client.list().await?
    };
    for bad in &listing.unreadable {
        diag!("warning: {bad}");
    }
    // Streamed: neither the entries nor the output are held whole (100k items).
    let pattern = args.pattern.clone().map(Selection::Wildcard);
    let wanted = |e: &Entry<'_>| pattern.as_ref().is_none_or(|p| p.matches(e.name));
    let selected = || latest_only(listing.iter().filter(wanted), args.latest);
    if args.format == ListingFormat::Json {
        return write_json_items(selected().map(|e| entry_json(&e)));
    }
    let width = selected()
        .map(|i| escape(i.name).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut text = String::new();
    for i in selected() {
        text.clear();
        let name = escape(i.name);
        text.push_str(&format!("{name:width$} -- version {}", escape(i.version)));
        push_details(&mut text, i.comment, i.created_at, i.meta);
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// The entries (sorted by name then version), or with `latest` the last of each name.
fn latest_only<'a>(
    entries: impl Iterator<Item = Entry<'a>>,
    latest: bool,
) -> impl Iterator<Item = Entry<'a>> {
    let mut entries = entries.peekable();
    std::iter::from_fn(move || {
        loop {
            let entry = entries.next()?;
            let superseded = latest && entries.peek().is_some_and(|next| next.name == entry.name);
            if !superseded {
                return Some(entry);
            }
        }
    })
}

/// Runs `keys`.
pub(super) async fn keys(config: &Config, args: &KeysArgs) -> Result<(), Failure> {
    let pattern = args.pattern.clone().map(Selection::Wildcard);
    names(config, args.format, |name| {
        pattern.as_ref().is_none_or(|p| p.matches(name))
    })
    .await
}

/// Runs `find`: the names containing the text, in any case.
pub(super) async fn find(config: &Config, args: &FindArgs) -> Result<(), Failure> {
    let pattern = Selection::Wildcard(format!("*{}*", args.text.to_lowercase()));
    names(config, args.format, |name| {
        pattern.matches(&name.to_lowercase())
    })
    .await
}

/// Prints the names `wanted` accepts, sorted, once each.
async fn names(
    config: &Config,
    format: ListingFormat,
    wanted: impl Fn(&str) -> bool,
) -> Result<(), Failure> {
    let client = config.reader().await?;
    let listing = client.list().await?;
    let mut names: Vec<&str> = listing.iter().map(|i| i.name).collect();
    names.extend(listing.unreadable.iter().map(|e| e.item_name()));
    names.retain(|n| wanted(n));
    names.sort_unstable();
    names.dedup();
    if format == ListingFormat::Json {
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
pub(super) async fn history(config: &Config, args: &HistoryArgs) -> Result<(), Failure> {
    let client = config.reader().await?;
    let versions = client.history(&args.name).await?;
    if args.format == ListingFormat::Json {
        return write_json(&versions.iter().map(summary_json).collect::<Vec<_>>());
    }
    // list's lines: `NAME -- version V -- comment C -- created T`.
    let mut text = String::new();
    for i in &versions {
        text.push_str(&format!(
            "{} -- version {}",
            escape(&i.name),
            escape(&i.version)
        ));
        push_details(&mut text, i.comment.as_deref(), i.created_at, Some(&i.meta));
    }
    write_out(text.as_bytes())
}

/// Appends ` -- comment C -- created T -- by W -- expires E -- tags K=V, ...` (each when
/// known) and the end of the line: the same fields in the same order for `list` and
/// `history`. Metadata is table text like the comment: escaped, not authenticated.
fn push_details(
    text: &mut String,
    comment: Option<&str>,
    created_at: Option<i64>,
    meta: Option<&Metadata>,
) {
    if let Some(c) = comment {
        text.push_str(&format!(" -- comment {}", escape(c)));
    }
    if let Some(t) = created_at {
        text.push_str(&format!(" -- created {}", iso8601(t)));
    }
    if let Some(meta) = meta {
        if let Some(by) = &meta.created_by {
            text.push_str(&format!(" -- by {}", escape(by)));
        }
        if let Some(t) = meta.expires_at {
            text.push_str(&format!(" -- expires {}", iso8601(t)));
        }
        if !meta.tags.is_empty() {
            let tags: Vec<String> = meta
                .tags
                .iter()
                .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
                .collect();
            text.push_str(&format!(" -- tags {}", tags.join(", ")));
        }
    }
    text.push('\n');
}

/// Adds the metadata keys every JSON item has: `created_by` (a string, empty when
/// unknown), `expires_at` (RFC 3339 or null) and `tags` (an object).
fn insert_meta(item: &mut serde_json::Value, meta: Option<&Metadata>) {
    let empty = Metadata::default();
    let meta = meta.unwrap_or(&empty);
    if let Some(map) = item.as_object_mut() {
        map.insert(
            "created_by".into(),
            serde_json::json!(meta.created_by.as_deref().unwrap_or("")),
        );
        map.insert(
            "expires_at".into(),
            serde_json::json!(meta.expires_at.map(iso8601)),
        );
        map.insert("tags".into(), serde_json::json!(meta.tags));
    }
}

/// One item as JSON, one schema for list and history whatever the item: name, version,
/// comment, created (ISO 8601 UTC), the stored encryption context (`{}` when none),
/// whether it binds the item to its name, and the regions holding a wrap of its data key.
fn summary_json(s: &Summary) -> serde_json::Value {
    item_json(
        &s.name,
        &s.version,
        s.comment.as_deref(),
        s.created_at,
        s.context.as_ref(),
        &s.regions,
        Some(&s.meta),
    )
}

/// One listed item as JSON, as [`summary_json`] writes a history entry.
fn entry_json(e: &Entry<'_>) -> serde_json::Value {
    item_json(
        e.name,
        e.version,
        e.comment,
        e.created_at,
        e.context,
        e.regions,
        e.meta,
    )
}

fn item_json(
    name: &str,
    version: &str,
    comment: Option<&str>,
    created_at: Option<i64>,
    context: Option<&credstore::EncryptionContext>,
    regions: &[String],
    meta: Option<&Metadata>,
) -> serde_json::Value {
    let mut item = serde_json::json!({
        "name": name,
        "version": version,
        "comment": comment,
        "created": created_at.map(iso8601),
        "context": context.map_or_else(|| serde_json::json!({}), |c| serde_json::json!(c.as_map())),
        "bound": context.is_some_and(|c| c.is_bound()),
        "regions": regions,
    });
    insert_meta(&mut item, meta);
    item
}

/// Pretty JSON on stdout, with every character that could act on a terminal (control
/// and format characters from the table) written as a `\u` escape: still the same JSON.
fn write_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
    let mut out = terminal_safe(&text);
    out.push('\n');
    write_out(out.as_bytes())
}

/// A JSON array of `items` on stdout, the same text as [`write_json`] of the whole
/// array, written item by item (a 100k-item listing is never held whole).
fn write_json_items(items: impl Iterator<Item = serde_json::Value>) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    json_items_to(&mut out, items)?;
    out.flush()?;
    Ok(())
}

fn json_items_to(
    out: &mut impl Write,
    items: impl Iterator<Item = serde_json::Value>,
) -> Result<(), Failure> {
    let mut first = true;
    out.write_all(b"[")?;
    for item in items {
        let text = serde_json::to_string_pretty(&item)
            .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        for (i, line) in terminal_safe(&text).split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
    }
    out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    Ok(())
}

/// JSON text with every character that could act on a terminal (control and format
/// characters from the table) written as a `\u` escape: still the same JSON.
pub(super) fn terminal_safe(text: &str) -> String {
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
    out
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
fn iso8601(secs: i64) -> String {
    credstore::time::format_rfc3339(secs)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_known_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_795_402_356), "2026-11-23T02:52:36Z");
    }

    #[test]
    fn streamed_json_is_the_pretty_array() {
        for n in [0, 1, 3] {
            let items: Vec<serde_json::Value> = (0..n)
                .map(|i| serde_json::json!({"name": format!("n{i}\u{1b}"), "comment": null}))
                .collect();
            let mut out = Vec::new();
            json_items_to(&mut out, items.clone().into_iter()).unwrap();
            let whole = terminal_safe(&serde_json::to_string_pretty(&items).unwrap()) + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }

    #[test]
    fn latest_keeps_the_last_version_of_each_name() {
        let e = |name, version| Entry::new(name, version);
        let all = [
            e("a", "1"),
            e("a", "2"),
            e("b", "1"),
            e("c", "1"),
            e("c", "3"),
        ];
        let kept: Vec<_> = latest_only(all.into_iter(), true)
            .map(|e| (e.name, e.version))
            .collect();
        assert_eq!(kept, [("a", "2"), ("b", "1"), ("c", "3")]);
        assert_eq!(latest_only(all.into_iter(), false).count(), 5);
    }
}
