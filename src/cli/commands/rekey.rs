//! `bind` and `rekey`: re-encrypt stored data keys with KMS ReEncrypt, report each
//! version and a summary line.

use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::{Failure, code_of};
use crate::cli::output::write_out;
use clap::Args;
use credstore::printable::escape;
use credstore::{RewrapOptions, RewrapOutcome, RewrapSummary, Targets};

/// Which versions `bind` and `rekey` work on, and how.
#[derive(Debug, Args)]
pub(crate) struct RewrapArgs {
    /// Secret names or `*` patterns (every version of each), and key=value encryption
    /// context (arguments with `=`) for items that do not store theirs (credstash's).
    #[arg(value_name = "NAME|PATTERN|CONTEXT", required_unless_present = "all")]
    pub selectors: Vec<String>,
    /// Every secret of the table.
    #[arg(long)]
    pub all: bool,
    /// Report what would change; call no KMS ReEncrypt and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `bind`.
#[derive(Debug, Args)]
pub(crate) struct BindArgs {
    /// Which versions.
    #[command(flatten)]
    pub targets: RewrapArgs,
    /// Also bind an unbound version that sorts after a bound version of its name. Reads
    /// refuse such a version as a possible downgrade (exit 5), and so does bind without
    /// this flag: use it only for a version you wrote yourself (with --legacy).
    #[arg(long)]
    pub allow_downgrade: bool,
}

/// Arguments of `rekey`.
#[derive(Debug, Args)]
pub(crate) struct RekeyArgs {
    /// The KMS key to wrap the data keys under (key id, key ARN, alias name or alias ARN).
    #[arg(long, value_name = "KEY")]
    pub to_key: String,
    /// Which versions.
    #[command(flatten)]
    pub targets: RewrapArgs,
}

/// Runs `bind`.
pub(super) async fn bind(config: &Config, args: &BindArgs) -> Result<(), Failure> {
    let mut options = options(&args.targets)?;
    options.allow_downgrade = args.allow_downgrade;
    let client = config.writer().await?;
    let summary = client.bind(&options).await?;
    report(summary, "bound", "would bind", "already bound")
}

/// Runs `rekey`.
pub(super) async fn rekey(config: &Config, args: &RekeyArgs) -> Result<(), Failure> {
    let options = options(&args.targets)?;
    let client = config.writer().await?;
    let summary = client.rekey(&options, &args.to_key).await?;
    report(summary, "rekeyed", "would rekey", "already under the key")
}

/// Names and patterns from the positional arguments; those with `=` are context.
fn options(args: &RewrapArgs) -> Result<RewrapOptions, Failure> {
    let (pairs, names): (Vec<String>, Vec<String>) = args
        .selectors
        .iter()
        .cloned()
        .partition(|s| s.contains('='));
    let targets = match (args.all, names.is_empty()) {
        (true, true) => Targets::All,
        (true, false) => {
            return Err(Failure::Usage(
                "give names or patterns, or --all, not both".into(),
            ));
        }
        (false, true) => {
            return Err(Failure::Usage(
                "name the secrets (names or `*` patterns), or pass --all".into(),
            ));
        }
        (false, false) => Targets::Names(names),
    };
    let mut options = RewrapOptions::new(targets);
    options.context = user_context(&pairs)?;
    options.dry_run = args.dry_run;
    Ok(options)
}

/// One line per version on stdout, the failures and a summary on stderr; a failing exit
/// code (the most serious failure's) when any version failed.
fn report(
    summary: RewrapSummary,
    done: &str,
    would: &str,
    skipped_because: &str,
) -> Result<(), Failure> {
    let verb = if summary.dry_run { would } else { done };
    let mut text = String::new();
    for (name, version, outcome) in &summary.items {
        let line = match outcome {
            RewrapOutcome::Changed => {
                format!("{verb} {} -- version {}\n", escape(name), escape(version))
            }
            _ => format!(
                "skipped {} -- version {} ({skipped_because})\n",
                escape(name),
                escape(version)
            ),
        };
        text.push_str(&line);
    }
    write_out(text.as_bytes())?;
    for failure in &summary.failures {
        diag!("error: {failure}");
    }
    // A dry run calls no KMS: it cannot know the context a credstash item was written
    // under, so it must not read as a promise.
    let caveat = if summary.dry_run && summary.changed() > 0 {
        " (a dry run makes no KMS call: a version written under a context it does not \
         store, as credstash's are, fails unless its key=value pairs are given)"
    } else {
        ""
    };
    diag!(
        "{verb} {}, skipped {}, failed {}{caveat}",
        summary.changed(),
        summary.skipped(),
        summary.failures.len()
    );
    match summary.into_error() {
        Some(e) => Err(Failure::Reported(code_of(&e))),
        None => Ok(()),
    }
}
