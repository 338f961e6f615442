//! `copy` (every version of every secret, re-sealed, to another table or backend) and
//! `sync` (every item as it is, to a table in another region).

use crate::cli::args::{CopyArgs, SyncArgs};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::{count, write_out};
use credstore::HmacEncoding;
use credstore::SetupOptions;
use credstore::backend;
use credstore::printable::escape;

/// Runs `copy`. The source is read and decrypted whole before the target is opened,
/// so a source that fails creates nothing; a new `--to-local` store that fails is
/// removed again.
pub(super) async fn copy(config: &Config, args: &CopyArgs) -> Result<(), Failure> {
    let context = user_context(&args.context)?;
    let source_table = config.table()?;
    let target_table = args.to_table.clone().unwrap_or(source_table.clone());
    let other_place = args.to_local.is_some() || args.to_aws || args.to_region.is_some();
    if !other_place && target_table == source_table {
        return Err(Failure::Usage(
            "copy needs a target: --to-table, --to-region, --to-local FILE or --to-aws".into(),
        ));
    }
    let source = config.client(false, HmacEncoding::default()).await?;
    let read = source.read_for_copy(&context, args.skip_refused).await?;
    let new_local = args
        .to_local
        .as_ref()
        .filter(|p| !p.exists() && !backend::master_key_path(p).exists());
    let target = match (&args.to_local, args.to_aws || args.to_region.is_some()) {
        // A dry run creates nothing: a store that does not exist yet holds nothing.
        (Some(_), _) if args.dry_run && new_local.is_some() => None,
        (Some(path), _) => Some(backend::local_client(
            path,
            &target_table,
            !args.dry_run,
            config.settings.clone(),
        )?),
        (None, true) => {
            let mut options = config.aws_options(HmacEncoding::default());
            if let Some(region) = &args.to_region {
                options.region = Some(region.clone());
                options.kms_region = None;
            }
            Some(backend::aws_client(&options, &target_table, config.settings.clone()).await?)
        }
        (None, false) => Some(
            config
                .client_for(&target_table, true, HmacEncoding::default())
                .await?,
        ),
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
    let mut files = vec![path.to_path_buf(), backend::master_key_path(path)];
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
    if config.local.is_some() {
        return Err(Failure::Usage(
            "sync copies items between regions; the embedded backend (--local) has none: use copy"
                .into(),
        ));
    }
    let source = config.client(false, HmacEncoding::default()).await?;
    let source_table = config.table()?;
    let target_table = args.to_table.clone().unwrap_or(source_table);
    let mut options = config.aws_options(HmacEncoding::default());
    options.region = Some(args.to_region.clone());
    options.kms_region = None;
    let target = backend::aws_client(&options, &target_table, config.settings.clone()).await?;
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
