//! `rollback`, and the generated values of `put --generate`.

use crate::cli::args::shared::{ListingFormat, MetadataArgs};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use clap::Args;
use credstore::Metadata;
use credstore::SecretBytes;
use credstore::generate::{Charset, GenerateError};
use credstore::printable::escape;
use credstore::time::format_rfc3339;
use credstore::{RollbackRequest, Selection, StaleQuery, StaleReason, StaleSecret};

/// Arguments of `rollback`.
#[derive(Debug, Args)]
pub(crate) struct RollbackArgs {
    /// Name of the secret.
    pub name: String,
    /// Encryption context, key=value pairs, for an old version written by credstash
    /// (which stores none).
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// The version whose value becomes the latest again [default: the one before the latest].
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
    /// Comment of the new version [default: "rollback to version VERSION"].
    #[arg(short = 'c', long)]
    pub comment: Option<String>,
    /// Expiry and tags of the new version (the old version's are not copied).
    #[command(flatten)]
    pub meta: MetadataArgs,
}

/// Arguments of `stale`.
#[derive(Debug, Args)]
pub(crate) struct StaleArgs {
    /// Only the names matching this pattern (`*` matches any run of characters).
    pub pattern: Option<String>,
    /// A latest version older than this is stale (s, m, h, d or w, e.g. 90d) [default:
    /// 90d, unless --expired alone is given]. A version with no creation time (written by
    /// credstash) counts as stale: its age is unknown.
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub max_age: Option<i64>,
    /// Only the secrets past their --expires time (with --max-age too: either).
    #[arg(long)]
    pub expired: bool,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

fn parse_span(text: &str) -> Result<i64, String> {
    credstore::time::parse_span(text)
}

/// Runs `rollback`.
pub(super) async fn rollback(config: &Config, args: &RollbackArgs) -> Result<(), Failure> {
    let mut request = RollbackRequest::new(&args.name);
    request.to = args.to.clone();
    request.context = user_context(&args.context)?;
    request.comment = args.comment.clone();
    // Checked before the store is opened (the embedded one would be created).
    request.meta = new_metadata(&format!("secret {:?}", args.name), &args.meta, now(config))?;
    let client = config.writer().await?;
    let done = client.rollback(&request).await?;
    diag!(
        "{} version {} has been stored (the value of version {})",
        args.name,
        done.version,
        done.from
    );
    Ok(())
}

/// The value of `put --generate`: `length` characters of `charset` from the OS CSPRNG.
pub(super) fn generated(
    name: &str,
    length: Option<usize>,
    charset: Option<&str>,
) -> Result<SecretBytes, Failure> {
    let charset = match charset {
        Some(spec) => {
            Charset::parse(spec).map_err(|e| Failure::Usage(format!("secret {name:?}: {e}")))?
        }
        None => Charset::default(),
    };
    charset
        .generate(length.unwrap_or(Charset::DEFAULT_LENGTH))
        .map_err(|e| match e {
            GenerateError::Length(_) => Failure::Usage(format!("secret {name:?}: {e} (--length)")),
            other => Failure::Other(format!("secret {name:?}: {other}")),
        })
}

/// `put --print`: the generated value and a newline on stdout.
pub(super) fn print_value(value: &SecretBytes) -> Result<(), Failure> {
    let mut line = zeroize::Zeroizing::new(value.expose().to_vec());
    line.push(b'\n');
    write_out(&line)
}

/// The metadata `--expires` and `--tag` give the new versions `what` names (`secret "x"`;
/// their `created_by` is stamped by the client). An expiry already past, a malformed or
/// repeated tag: usage.
pub(super) fn new_metadata(what: &str, args: &MetadataArgs, now: i64) -> Result<Metadata, Failure> {
    let usage = |e: String| Failure::Usage(format!("{what}: {e}"));
    let mut meta = Metadata::default();
    if let Some(text) = &args.expires {
        let at = Metadata::parse_expiry(text, now).map_err(|e| usage(format!("--expires {e}")))?;
        if at <= now {
            return Err(usage(format!(
                "--expires {text:?} is already past; give a later time or a lifetime like 90d"
            )));
        }
        meta.expires_at = Some(at);
    }
    if args.tags.len() > Metadata::MAX_TAGS {
        return Err(usage(format!(
            "at most {} --tag options",
            Metadata::MAX_TAGS
        )));
    }
    for spec in &args.tags {
        let (key, value) = Metadata::parse_tag(spec).map_err(usage)?;
        if meta.tags.insert(key.clone(), value).is_some() {
            return Err(usage(format!(
                "--tag {key:?} is given twice; give each key once"
            )));
        }
    }
    Ok(meta)
}

/// `stale`'s default maximum age when neither --max-age nor --expired is given.
const DEFAULT_MAX_AGE: i64 = 90 * 86_400;

/// Runs `stale`: exit 1 (said on stderr) when any secret is stale.
pub(super) async fn stale(config: &Config, args: &StaleArgs) -> Result<(), Failure> {
    let selection = match &args.pattern {
        Some(p) => Selection::Wildcard(p.clone()),
        None => Selection::All,
    };
    let mut query = StaleQuery::new(selection);
    query.max_age = args.max_age.or((!args.expired).then_some(DEFAULT_MAX_AGE));
    let client = config.reader().await?;
    let report = client.stale(&query).await?;
    for bad in &report.unreadable {
        diag!("warning: {bad}");
    }
    if args.format == ListingFormat::Json {
        let items: Vec<serde_json::Value> = report.stale.iter().map(stale_json).collect();
        let text = serde_json::to_string_pretty(&items)
            .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
        write_out(format!("{}\n", super::listing::terminal_safe(&text)).as_bytes())?;
    } else {
        let mut text = String::new();
        for s in &report.stale {
            text.push_str(&format!(
                "{} -- version {} -- {}\n",
                escape(&s.name),
                escape(&s.version),
                reasons_text(s)
            ));
        }
        write_out(text.as_bytes())?;
    }
    if report.stale.is_empty() {
        return Ok(());
    }
    let n = report.stale.len();
    diag!(
        "{n} stale secret{}: rotate {} (put a new value) or set a later --expires",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    );
    Err(Failure::Reported(crate::exit::OTHER))
}

/// `expired 2027-01-31T00:00:00Z, 120 days old (created 2026-...)`.
fn reasons_text(s: &StaleSecret) -> String {
    let parts: Vec<String> = s
        .reasons
        .iter()
        .map(|r| match r {
            StaleReason::Expired(at) => format!("expired {}", format_rfc3339(*at)),
            StaleReason::Old(age) => format!(
                "{} old (created {})",
                age_text(*age),
                s.created_at.map(format_rfc3339).unwrap_or_default()
            ),
            StaleReason::AgeUnknown => "age unknown (no creation time)".to_string(),
            _ => "stale".to_string(),
        })
        .collect();
    parts.join(", ")
}

fn stale_json(s: &StaleSecret) -> serde_json::Value {
    let reasons: Vec<&str> = s
        .reasons
        .iter()
        .map(|r| match r {
            StaleReason::Expired(_) => "expired",
            StaleReason::Old(_) => "max_age",
            StaleReason::AgeUnknown => "age_unknown",
            _ => "stale",
        })
        .collect();
    let age = s.reasons.iter().find_map(|r| match r {
        StaleReason::Old(age) => Some(*age),
        _ => None,
    });
    serde_json::json!({
        "name": s.name,
        "version": s.version,
        "created": s.created_at.map(format_rfc3339),
        "age_seconds": age,
        "reasons": reasons,
        "created_by": s.meta.created_by.as_deref().unwrap_or(""),
        "expires_at": s.meta.expires_at.map(format_rfc3339),
        "tags": s.meta.tags,
    })
}

/// An age in days, or hours or minutes when under two days.
fn age_text(secs: i64) -> String {
    match secs {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 2 * 3600 => format!("{} hours", s / 3600),
        s => format!("{} minutes", s / 60),
    }
}

/// The time `--expires` lifetimes start from: the clients' clock.
pub(super) fn now(config: &Config) -> i64 {
    config.settings.now.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    })
}
