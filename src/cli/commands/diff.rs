//! `diff`: the secrets of this table compared with another table, region or backend
//! (named as `copy` names its target). Prints names and versions only, never a value;
//! exit 1 when the two sides differ.

use crate::cli::args::shared::TargetArgs;
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::{count, write_out};
use clap::Args;
use credstore::printable::escape;

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Only the secrets whose names start with PREFIX.
    #[arg(long, value_name = "PREFIX", default_value = "")]
    pub prefix: String,
    /// The other side.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Encryption context of items that do not store theirs (credstash items), key=value.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
}

/// Runs `diff`.
pub(super) async fn diff(config: &Config, args: &DiffArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    // A diff creates nothing: the other store must exist.
    let place = config.other_table(&args.target, "diff")?;
    let source = config.reader().await?;
    let target = config.open(&place, false).await?;
    let diff = source.diff_with(&target, &args.prefix, &context).await?;
    let mut text = String::new();
    let versions = |v: &[String]| {
        v.iter()
            .map(|v| escape(v).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (name, v) in &diff.only_here {
        text.push_str(&format!(
            "only in source: {} -- versions {}\n",
            escape(name),
            versions(v)
        ));
    }
    for (name, v) in &diff.only_there {
        text.push_str(&format!(
            "only in target: {} -- versions {}\n",
            escape(name),
            versions(v)
        ));
    }
    for (name, v) in &diff.versions_only_here {
        text.push_str(&format!(
            "version only in source: {} -- version {}\n",
            escape(name),
            escape(v)
        ));
    }
    for (name, v) in &diff.versions_only_there {
        text.push_str(&format!(
            "version only in target: {} -- version {}\n",
            escape(name),
            escape(v)
        ));
    }
    for (name, here, there) in &diff.changed {
        text.push_str(&format!(
            "value differs: {} -- latest version {} in source, {} in target\n",
            escape(name),
            escape(here),
            escape(there)
        ));
    }
    write_out(text.as_bytes())?;
    diag!(
        "{} on both sides: {} equal, {} differ; {} only in source, {} only in target",
        count(diff.equal.len() + diff.changed.len(), "name"),
        diff.equal.len(),
        diff.changed.len(),
        diff.only_here.len(),
        diff.only_there.len()
    );
    if diff.is_same() {
        Ok(())
    } else {
        Err(Failure::Reported(1))
    }
}
