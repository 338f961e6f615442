//! `audit`: the KMS calls on the table key's secrets from CloudTrail, as text or JSON,
//! with a summary on stderr; or, with `--print-sql`, the same question for Athena.

use crate::cli::args::{AuditArgs, AuditFormat};
use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, KEY_REFUSED};
use crate::cli::output::{count, write_out};
use credstore::HmacEncoding;
use credstore::audit::{self as audit_lib, AuditError, Lookup};
use credstore::printable::escape;

/// Runs `audit`.
pub(super) async fn audit(config: &Config, args: &AuditArgs) -> Result<(), Failure> {
    if config.local.is_some() {
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
    let options = config.aws_options(HmacEncoding::default());
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
