//! `audit`: the KMS calls on the table key's secrets from CloudTrail, as text or JSON,
//! with a summary on stderr; or, with `--print-sql`, the same question for Athena.

use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, KEY_REFUSED};
use crate::cli::output::{count, write_out};
use clap::{Args, ValueEnum};
use credstore::audit::{self as audit_lib, AuditError, Lookup};
use credstore::printable::escape;

/// Formats of `audit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AuditFormat {
    /// Tab-separated columns under a title line, every field escaped for the terminal.
    Text,
    /// A JSON array of objects: time, principal, account, source_ip, region, operation,
    /// name, version, error (null on success), user_agent, event_id.
    Json,
}

/// Arguments of `audit`.
#[derive(Debug, Args)]
pub(crate) struct AuditArgs {
    /// Secret names or `*` patterns [default: every secret].
    #[arg(value_name = "NAME|PATTERN")]
    pub names: Vec<String>,
    /// From when: a duration back from now (`24h`, `90m`, `7d`), a date (`2026-12-01`,
    /// UTC) or an RFC 3339 time. CloudTrail keeps 90 days.
    #[arg(long, default_value = "24h", value_name = "DURATION|TIME")]
    pub since: String,
    /// Until when (a time, a date or a duration back from now) [default: now].
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: AuditFormat,
    /// Print an Athena query over a CloudTrail table asking the same question (for
    /// history beyond 90 days) instead of reading CloudTrail.
    #[arg(long)]
    pub print_sql: bool,
}

/// Runs `audit`.
pub(super) async fn audit(config: &Config, args: &AuditArgs) -> Result<(), Failure> {
    if config.is_local() {
        return Err(Failure::Usage(
            "audit reads AWS CloudTrail; the embedded backend (--local) has no CloudTrail \
             and logs no key use"
                .into(),
        ));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let since = credstore::time::parse_point(&args.since, now)
        .map_err(|e| Failure::Usage(format!("--since: {e}")))?;
    let until = match &args.until {
        Some(text) => credstore::time::parse_point(text, now)
            .map_err(|e| Failure::Usage(format!("--until: {e}")))?,
        None => now,
    };
    if since >= until {
        return Err(Failure::Usage(format!(
            "--since ({}) is not before --until ({}); give an earlier --since",
            credstore::time::format_rfc3339(since),
            credstore::time::format_rfc3339(until)
        )));
    }
    if !args.print_sql && since < now - 90 * 86_400 {
        diag!(
            "note: CloudTrail's event history keeps 90 days; for older events query a trail's \
             logs with Athena (audit --print-sql)"
        );
    }
    let options = config.aws_options().clone();
    let lookup = Lookup {
        key: config.settings.key_id.clone(),
        replica_regions: config.settings.replica_regions.clone(),
        since,
        until,
        patterns: args.names.clone(),
    };
    let keys = audit_lib::keys(&options, &lookup).await.map_err(failure)?;
    let regions = keys.regions();
    if args.print_sql {
        return write_out(lookup.athena_sql(&keys).as_bytes());
    }
    let report = audit_lib::audit(&options, &lookup, &keys)
        .await
        .map_err(failure)?;
    let text = match args.format {
        AuditFormat::Text => report.to_text(),
        AuditFormat::Json => report.to_json(),
    };
    write_out(text.as_bytes())?;
    let unreadable = if report.unreadable > 0 {
        format!(", {} unreadable", count(report.unreadable, "event"))
    } else {
        String::new()
    };
    diag!(
        "audit: {} read in {} ({}), {} shown, {} on the key naming no secret{unreadable}",
        count(report.events_read, "event"),
        count(regions.len(), "region"),
        escape(&regions.join(", ")),
        count(report.rows.len(), "row"),
        count(report.no_secret, "event"),
    );
    Ok(())
}

fn failure(e: AuditError) -> Failure {
    match e {
        AuditError::KeyRefused(m) => {
            diag!("error: {}", escape(&m));
            Failure::Reported(KEY_REFUSED)
        }
        other => Failure::Other(escape(&other.to_string()).into_owned()),
    }
}
