//! `delete` and `prune`: remove versions of one secret.

use crate::cli::config::Config;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use clap::Args;
use credstore::printable::escape;

/// Arguments of `delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    /// Name of the secret.
    pub name: String,
    /// Delete only this version.
    #[arg(short = 'v', long)]
    pub version: Option<String>,
    /// Print what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask before deleting every version (asked only on a terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// Arguments of `prune`.
#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Name of the secret.
    pub name: String,
    /// How many of the latest versions to keep (at least 1; `delete` removes them all)
    /// [default: 1, after asking on a terminal].
    #[arg(long, value_name = "N", value_parser = parse_keep)]
    pub keep: Option<u64>,
    /// Print what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask before deleting (asked only on a terminal, when --keep is not given).
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// `--keep N`: a whole number of at least 1.
fn parse_keep(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("prune keeps at least one version; use delete to remove them all".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a whole number of versions")),
    }
}

/// Runs `delete`.
pub(super) async fn delete(config: &Config, args: &DeleteArgs) -> Result<(), Failure> {
    let client = config.reader().await?;
    let version = args.version.as_deref();
    if args.dry_run {
        let planned = client.delete_plan(&args.name, version).await?;
        return report(&args.name, &planned, "Would delete");
    }
    if version.is_none() && !args.yes && interactive() {
        let planned = client.delete_plan(&args.name, None).await?;
        let question = format!(
            "delete all {} of {}? [y/N] ",
            versions(planned.len()),
            escape(&args.name)
        );
        if !confirm(&question)? {
            diag!("nothing was deleted");
            return Err(Failure::Reported(crate::cli::exit::OTHER));
        }
    }
    let deleted = client.delete(&args.name, version).await?;
    report(&args.name, &deleted, "Deleting")
}

/// One line per version, as credstash prints them.
fn report(name: &str, versions: &[String], verb: &str) -> Result<(), Failure> {
    let mut text = String::new();
    for v in versions {
        text.push_str(&format!(
            "{verb} {} -- version {}\n",
            escape(name),
            escape(v)
        ));
    }
    write_out(text.as_bytes())
}

/// "1 version", "3 versions".
fn versions(n: usize) -> String {
    if n == 1 {
        "1 version".to_string()
    } else {
        format!("{n} versions")
    }
}

/// True when a person can answer a question: stdin and stderr are terminals.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks on stderr; true only for an answer starting with y or Y.
fn confirm(question: &str) -> Result<bool, Failure> {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(question.as_bytes());
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::Other(format!("cannot read the answer: {e}")))?;
    Ok(answer.trim_start().starts_with(['y', 'Y']))
}

/// Runs `prune`.
pub(super) async fn prune(config: &Config, args: &PruneArgs) -> Result<(), Failure> {
    let client = config.reader().await?;
    let keep = usize::try_from(args.keep.unwrap_or(1)).unwrap_or(usize::MAX);
    // Without --keep the count is ours, not the user's: ask, as delete does.
    if !args.dry_run && args.keep.is_none() && !args.yes && interactive() {
        let planned = client.prune_plan(&args.name, keep).await?;
        if planned.is_empty() {
            diag!("{}: nothing to delete, kept {keep}", args.name);
            return Ok(());
        }
        let question = format!(
            "delete {} of {}, keeping only the latest? [y/N] ",
            versions(planned.len()),
            escape(&args.name)
        );
        if !confirm(&question)? {
            diag!("nothing was deleted");
            return Err(Failure::Reported(crate::cli::exit::OTHER));
        }
    }
    if args.dry_run {
        let planned = client.prune_plan(&args.name, keep).await?;
        report(&args.name, &planned, "Would delete")?;
        diag!(
            "{}: would delete {}, keep {keep}",
            args.name,
            versions(planned.len())
        );
        return Ok(());
    }
    let deleted = client.prune(&args.name, keep).await?;
    report(&args.name, &deleted, "Deleting")?;
    diag!(
        "{}: deleted {}, kept {keep}",
        args.name,
        versions(deleted.len())
    );
    Ok(())
}
