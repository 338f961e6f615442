//! `copy` (every version of every secret, re-sealed, to another table or backend) and
//! `sync` (every item as it is, to a table in another region).

use crate::cli::args::shared::{TargetArgs, parse_region};
use crate::cli::config::{Config, Place, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::{count, write_out};
use clap::Args;
use credstore::Backend;
use credstore::SetupOptions;
use credstore::printable::escape;

/// Arguments of `copy`.
#[derive(Debug, Args)]
pub(crate) struct CopyArgs {
    /// The target.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Encryption context of the source items that do not store theirs (credstash items).
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Read and decrypt everything, and compare with the target; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Leave out (and report) versions the key service refuses to decrypt, such as
    /// credstash items written under another context, instead of failing.
    #[arg(long)]
    pub skip_refused: bool,
}

/// Arguments of `sync`.
#[derive(Debug, Args)]
pub(crate) struct SyncArgs {
    /// The region of the target table.
    #[arg(long, value_name = "REGION", value_parser = parse_region)]
    pub to_region: String,
    /// Target table [default: the source table's name]; created when missing.
    #[arg(long, value_name = "TABLE")]
    pub to_table: Option<String>,
    /// Compare and report; write nothing (and create no table).
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `copy`. The source is read and decrypted whole before the target is opened,
/// so a source that fails creates nothing; a new `--to-local` store that fails is
/// removed again.
pub(super) async fn copy(config: &Config, args: &CopyArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let place = config.other_table(&args.target, "copy")?;
    let source = config.reader().await?;
    let read = source.read_for_copy(&context, args.skip_refused).await?;
    let new_local = match &place {
        Place::Local { path, .. } if !path.exists() && !Backend::master_key_path(path).exists() => {
            Some(path.as_path())
        }
        _ => None,
    };
    // A dry run creates nothing: a store that does not exist yet holds nothing.
    let target = if args.dry_run && new_local.is_some() {
        None
    } else {
        Some(config.open(&place, !args.dry_run).await?)
    };
    let outcome = match &target {
        None => Ok(read.plan_all()),
        Some(target) => {
            let written = async {
                if !args.dry_run {
                    target.setup(&SetupOptions::default()).await?;
                }
                read.copy_to(target, args.dry_run).await
            };
            written.await.map_err(Failure::from)
        }
    };
    let summary = match outcome {
        Ok(summary) => summary,
        Err(e) => {
            if let Some(path) = new_local {
                drop(target);
                remove_store(path);
            }
            return Err(e);
        }
    };
    let verb = if args.dry_run { "would copy" } else { "copied" };
    let mut text = String::new();
    for (name, version) in &summary.copied {
        text.push_str(&format!(
            "{verb} {} -- version {}\n",
            escape(name),
            escape(version)
        ));
    }
    for (name, version) in &summary.skipped {
        text.push_str(&format!(
            "skipped {} -- version {} (already in the target)\n",
            escape(name),
            escape(version)
        ));
    }
    write_out(text.as_bytes())?;
    for refused in &summary.refused {
        diag!("warning: left out: {refused}");
    }
    diag!(
        "{} {}, skipped {} already present{}",
        verb,
        count(summary.copied.len(), "item"),
        summary.skipped.len(),
        if summary.refused.is_empty() {
            String::new()
        } else {
            format!(
                ", left out {} refused (--skip-refused)",
                summary.refused.len()
            )
        }
    );
    Ok(())
}

/// Removes an embedded store this command created (database, its journals, master key).
fn remove_store(path: &std::path::Path) {
    let mut files = vec![path.to_path_buf(), Backend::master_key_path(path)];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        files.push(name.into());
    }
    for file in files {
        let _ = std::fs::remove_file(file);
    }
}

/// Runs `sync`: every item as it is to a table in another region.
pub(super) async fn sync(config: &Config, args: &SyncArgs) -> Result<(), Failure> {
    if config.is_local() {
        return Err(Failure::Usage(
            "sync copies items between regions; the embedded backend (--local) has none: use copy"
                .into(),
        ));
    }
    let source = config.reader().await?;
    let source_table = config.table()?;
    let target_table = args.to_table.clone().unwrap_or(source_table);
    let place = Place::Aws {
        region: Some(args.to_region.clone()),
        table: target_table.clone(),
    };
    let target = config.open(&place, true).await?;
    if !args.dry_run {
        target.setup(&SetupOptions::default()).await?;
    }
    let summary = source
        .sync_to(&target, &args.to_region, args.dry_run)
        .await?;
    let verb = if args.dry_run { "would copy" } else { "copied" };
    let line = |verb: &str, (name, version): &(String, String), why: &str| {
        format!(
            "{verb} {} -- version {}{why}\n",
            escape(name),
            escape(version)
        )
    };
    let mut text = String::new();
    for id in &summary.copied {
        text.push_str(&line(verb, id, ""));
    }
    for id in &summary.rewrapped {
        text.push_str(&line(
            if args.dry_run {
                "would update"
            } else {
                "updated"
            },
            id,
            " (re-wrapped in the source by bind or rekey)",
        ));
    }
    for id in &summary.conflicts {
        text.push_str(&line(
            "conflict",
            id,
            " (the target holds another item at this version; left as it is)",
        ));
    }
    write_out(text.as_bytes())?;
    if !summary.without_wrap.is_empty() {
        diag!(
            "warning: {} {} no wrap in {}: reads there need the home region's KMS (write them \
             with --replica-region {}, or rekey to a multi-Region key)",
            count(summary.without_wrap.len(), "item"),
            if summary.without_wrap.len() == 1 {
                "has"
            } else {
                "have"
            },
            args.to_region,
            args.to_region
        );
    }
    diag!(
        "{} {} to {} in {}, {} re-wrapped, {} already there, {} in conflict",
        verb,
        count(summary.copied.len(), "item"),
        escape(&target_table),
        args.to_region,
        summary.rewrapped.len(),
        summary.present.len(),
        summary.conflicts.len()
    );
    if summary.conflicts.is_empty() {
        Ok(())
    } else {
        Err(Failure::Reported(crate::cli::exit::CONFLICT))
    }
}
